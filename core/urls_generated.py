"""The generic pages of the stored-file pattern (mounted under /m/<slug>/ by core.urls)."""

from django.urls import path

from core import generated

urlpatterns = [
    path("fisiere/<uuid:pk>/", generated.generated_file, name="generated-file"),
    path(
        "fisiere/<uuid:pk>/stare.json",
        generated.generated_file_status,
        name="generated-file-status",
    ),
    path(
        "fisiere/<uuid:pk>/descarcare/",
        generated.generated_file_download,
        name="generated-file-download",
    ),
]
