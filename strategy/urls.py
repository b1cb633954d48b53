from django.urls import include, path

urlpatterns = [
    path("", include("strategy.urls_document")),
    path("", include("strategy.urls_evidence")),
    path("", include("strategy.urls_versions")),
    path("", include("strategy.urls_public")),
    path("", include("strategy.urls_answers")),
    path("", include("strategy.urls_strategy_public")),
]
