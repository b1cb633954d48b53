"""URLs of the strategy evidence pages (included by strategy.urls)."""

urlpatterns: list = []
