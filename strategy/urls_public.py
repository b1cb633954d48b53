"""URLs of the strategy public pages (included by strategy.urls)."""

from django.urls import path

from strategy import views_public as views

urlpatterns = [
    path(
        "consultare-publica/<int:pk>/",
        views.consultation_public,
        name="consultation-public",
    ),
    path(
        "consultare-publica/<int:pk>/comentarii/",
        views.consultation_comments,
        name="consultation-comments",
    ),
    path(
        "consultare-publica/<int:pk>/comentariu/",
        views.consultation_comment,
        name="consultation-comment",
    ),
    path(
        "consultare-publica/<int:pk>/dezbatere/",
        views.debate_request,
        name="debate-request",
    ),
    path(
        "consultare-publica/<int:pk>/comentariile-mele/",
        views.my_comments,
        name="my-comments",
    ),
    path(
        "consultare-publica/<int:pk>/comentarii/<int:comment_pk>/ascundere/",
        views.comment_hide,
        name="comment-hide",
    ),
    path(
        "consultare-publica/<int:pk>/comentarii/<int:comment_pk>/afisare/",
        views.comment_unhide,
        name="comment-unhide",
    ),
]
