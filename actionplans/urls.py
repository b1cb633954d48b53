from django.urls import include, path

urlpatterns = [
    path("", include("actionplans.urls_plans")),
    path("", include("actionplans.urls_files")),
    path("", include("actionplans.urls_decisions")),
    path("", include("actionplans.urls_public")),
    path("", include("actionplans.urls_templates")),
]
