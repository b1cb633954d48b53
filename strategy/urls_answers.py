"""URLs of the strategy answers pages (included by strategy.urls)."""

urlpatterns: list = []
