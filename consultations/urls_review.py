"""URLs of the review pages (included by consultations.urls)."""

urlpatterns: list = []
