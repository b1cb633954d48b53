"""The council's vote on a plan (the council secretary)."""

from django.urls import path

from actionplans import views_council

urlpatterns = [
    path("planuri-anuale/<int:pk>/vot/", views_council.plan_vote, name="plan-vote"),
]
