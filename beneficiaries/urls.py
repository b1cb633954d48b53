from django.urls import path

from beneficiaries import views

urlpatterns = [
    path("spiral/", views.session_list, name="spiral-session-list"),
    path("spiral/sesiuni/noua/", views.session_form, name="spiral-session-create"),
    path("spiral/sesiuni/<int:pk>/", views.session_detail, name="spiral-session-detail"),
    path("spiral/sesiuni/<int:pk>/editare/", views.session_form, name="spiral-session-update"),
    path("spiral/sesiuni/<int:pk>/inchidere/", views.session_close, name="spiral-session-close"),
    path("spiral/sesiuni/<int:pk>/import/", views.statement_import, name="spiral-statement-import"),
    path(
        "spiral/sesiuni/<int:session_pk>/afirmatii/<int:pk>/",
        views.statement_edit,
        name="spiral-statement-update",
    ),
    path(
        "spiral/sesiuni/<int:session_pk>/afirmatii/<int:pk>/stergere/",
        views.statement_delete,
        name="spiral-statement-delete",
    ),
]
