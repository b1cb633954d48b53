"""URLs of the rounds pages (included by consultations.urls).

Staff pages live under ``consultari/``; a provider's own pages under ``furnizor/consultari/``.
"""

from django.urls import path

from consultations import views_rounds as views

urlpatterns = [
    # Staff
    path("consultari/", views.round_list, name="round-list"),
    path("consultari/noua/", views.round_form, name="round-create"),
    path("consultari/<int:pk>/", views.round_detail, name="round-detail"),
    path("consultari/<int:pk>/editare/", views.round_form, name="round-update"),
    path("consultari/<int:pk>/intrebari/noua/", views.question_form, name="round-question-create"),
    path(
        "consultari/<int:pk>/intrebari/<int:question_pk>/",
        views.question_form,
        name="round-question-update",
    ),
    path(
        "consultari/<int:pk>/intrebari/<int:question_pk>/stergere/",
        views.question_delete,
        name="round-question-delete",
    ),
    path(
        "consultari/<int:pk>/intrebari/<int:question_pk>/mutare/",
        views.question_move,
        name="round-question-move",
    ),
    # Staff of the municipality and members of the owning organisation
    path("consultari/anexe/<int:pk>/", views.round_attachment, name="round-attachment"),
    # Providers
    path("furnizor/consultari/", views.provider_round_list, name="provider-round-list"),
    path(
        "furnizor/consultari/<int:pk>/",
        views.provider_round_respond,
        name="provider-round-respond",
    ),
    path(
        "furnizor/consultari/<int:pk>/anexe/",
        views.provider_round_attachment,
        name="provider-round-attachment",
    ),
    path(
        "furnizor/consultari/<int:pk>/anexe/<int:attachment_pk>/stergere/",
        views.provider_round_attachment_delete,
        name="provider-round-attachment-delete",
    ),
]
