"""URLs of the strategy versions pages (included by strategy.urls)."""

urlpatterns: list = []
