"""URLs of the review pages (included by consultations.urls)."""

from django.urls import path

from consultations import views_review

urlpatterns = [
    path("consultari/<int:pk>/raspunsuri/", views_review.round_review, name="round-review"),
    path(
        "consultari/<int:pk>/raspunsuri/<int:answer_pk>/etichete/",
        views_review.round_answer_tag,
        name="round-answer-tag",
    ),
    path("consultari/<int:pk>/export.xlsx", views_review.round_export, name="round-export"),
    path("teme/", views_review.theme_list, name="theme-list"),
    path("teme/<int:pk>/", views_review.theme_update, name="theme-update"),
]
