"""URLs of the rounds pages (included by consultations.urls)."""

urlpatterns: list = []
