"""URLs of the strategy document pages (included by strategy.urls)."""

urlpatterns: list = []
