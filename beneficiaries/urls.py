from django.urls import path

from beneficiaries import views

urlpatterns = [
    path("spiral/", views.session_list, name="spiral-session-list"),
    path("spiral/sesiuni/noua/", views.session_form, name="spiral-session-create"),
    path("spiral/sesiuni/<int:pk>/", views.session_detail, name="spiral-session-detail"),
    path("spiral/sesiuni/<int:pk>/editare/", views.session_form, name="spiral-session-update"),
    path("spiral/sesiuni/<int:pk>/inchidere/", views.session_close, name="spiral-session-close"),
    path("spiral/sesiuni/<int:pk>/import/", views.statement_import, name="spiral-statement-import"),
    path("spiral/categorii/", views.category_list, name="spiral-category-list"),
    path("spiral/categorii/<int:pk>/", views.category_list, name="spiral-category-update"),
    path("spiral/codificare/", views.coding_queue, name="spiral-coding"),
    path("spiral/codificare/<int:pk>/", views.coding_change, name="spiral-coding-change"),
    path("spiral/codificare/sugestii/", views.coding_train, name="spiral-coding-train"),
    path("spiral/harta/", views.needs_map, name="spiral-needs-map"),
    path("spiral/harta/publicare/", views.needs_map_publish, name="spiral-needs-map-publish"),
    path("spiral/harta/export.xlsx", views.needs_map_export, name="spiral-needs-map-export"),
    path("harta-nevoilor/", views.needs_map_public, name="needs-map-public"),
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
