from django.urls import include, path

urlpatterns = [
    path("", include("actionplans.urls_plans")),
    path("", include("actionplans.urls_files")),
    path("", include("actionplans.urls_council")),
    path("", include("actionplans.urls_public")),
]
