"""URLs of the action plans (included by actionplans.urls)."""

urlpatterns = []
