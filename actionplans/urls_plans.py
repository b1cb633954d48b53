"""URLs of the staff pages that draft the annual action plan (included by actionplans.urls)."""

from django.urls import path

from actionplans import views_plans as views

urlpatterns = [
    path("planuri-anuale/", views.plan_list, name="plan-list"),
    path("planuri-anuale/nou/", views.plan_create, name="plan-create"),
    path("planuri-anuale/<int:pk>/", views.plan_detail, name="plan-detail"),
    path("planuri-anuale/<int:pk>/modificare/", views.plan_update, name="plan-update"),
    path("planuri-anuale/<int:pk>/masuri/noua/", views.measure_form, name="measure-create"),
    path(
        "planuri-anuale/<int:pk>/masuri/<int:measure_pk>/",
        views.measure_form,
        name="measure-update",
    ),
    path(
        "planuri-anuale/<int:pk>/masuri/<int:measure_pk>/stergere/",
        views.measure_delete,
        name="measure-delete",
    ),
    path(
        "planuri-anuale/<int:pk>/masuri/<int:measure_pk>/mutare/",
        views.measure_move,
        name="measure-move",
    ),
    path("planuri-anuale/<int:pk>/obiective-fara-masuri/", views.plan_skip, name="plan-skip"),
    path(
        "planuri-anuale/<int:pk>/obiective-fara-masuri/<int:skip_pk>/stergere/",
        views.plan_skip_delete,
        name="plan-skip-delete",
    ),
    path("planuri-anuale/<int:pk>/istoric/", views.plan_history, name="plan-history"),
]
