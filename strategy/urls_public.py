"""URLs of the strategy public pages (included by strategy.urls)."""

urlpatterns: list = []
