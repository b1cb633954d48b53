"""URLs of the strategy answers pages (included by strategy.urls)."""

from django.urls import path

from strategy import views_answers

urlpatterns = [
    path(
        "consultare-publica/<int:pk>/raspunsuri/",
        views_answers.consultation_answers,
        name="consultation-answers",
    ),
    path(
        "consultare-publica/<int:pk>/raspunsuri/<int:comment_pk>/",
        views_answers.comment_answer,
        name="comment-answer",
    ),
    path(
        "consultare-publica/<int:pk>/dezbateri/noua/",
        views_answers.debate_form,
        name="debate-create",
    ),
    path(
        "consultare-publica/<int:pk>/dezbateri/<int:debate_pk>/",
        views_answers.debate_form,
        name="debate-update",
    ),
    path(
        "consultare-publica/<int:pk>/raport/",
        views_answers.consultation_report,
        name="consultation-report",
    ),
]
