"""URLs of the groups pages (included by consultations.urls)."""

urlpatterns: list = []
