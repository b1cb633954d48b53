"""URLs of the members pages (included by consultations.urls)."""

urlpatterns: list = []
