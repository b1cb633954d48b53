"""The public page of the approved plan of a year (anyone, anonymous included)."""

from django.urls import path

from actionplans import views_public

urlpatterns = [
    path("planul-anual/<int:year>/", views_public.plan_public, name="plan-public"),
]
