"""URLs of the action plans (included by actionplans.urls)."""

from django.http import HttpResponse
from django.urls import path

# Placeholder until the staff pages land (the helper replaces this module).
urlpatterns = [path("planuri-anuale/", lambda request, slug: HttpResponse(""), name="plan-list")]
