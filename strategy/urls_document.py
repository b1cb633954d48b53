"""URLs of the strategy document pages (included by strategy.urls)."""

from django.urls import path

from strategy import views_document as views

urlpatterns = [
    path("strategie/", views.strategy_home, name="strategy-home"),
    path("strategie/noua/", views.strategy_create, name="strategy-create"),
    path("strategie/<int:pk>/", views.strategy_detail, name="strategy-detail"),
    path("strategie/<int:pk>/modificare/", views.strategy_update, name="strategy-update"),
    path("strategie/<int:pk>/mutare/", views.strategy_move, name="strategy-move"),
    path("strategie/<int:pk>/reordonare/", views.strategy_reorder, name="strategy-reorder"),
    path("strategie/<int:pk>/sectiuni/noua/", views.section_form, name="section-create"),
    path(
        "strategie/<int:pk>/sectiuni/<int:section_pk>/modificare/",
        views.section_form,
        name="section-update",
    ),
    path(
        "strategie/<int:pk>/sectiuni/<int:section_pk>/stergere/",
        views.section_delete,
        name="section-delete",
    ),
    path(
        "strategie/<int:pk>/linii-directoare/noua/", views.guideline_form, name="guideline-create"
    ),
    path(
        "strategie/<int:pk>/linii-directoare/<int:guideline_pk>/modificare/",
        views.guideline_form,
        name="guideline-update",
    ),
    path(
        "strategie/<int:pk>/linii-directoare/<int:guideline_pk>/stergere/",
        views.guideline_delete,
        name="guideline-delete",
    ),
    path("strategie/<int:pk>/obiective/nou/", views.objective_form, name="objective-create"),
    path(
        "strategie/<int:pk>/obiective/<int:objective_pk>/modificare/",
        views.objective_form,
        name="objective-update",
    ),
    path(
        "strategie/<int:pk>/obiective/<int:objective_pk>/stergere/",
        views.objective_delete,
        name="objective-delete",
    ),
    path(
        "strategie/<int:pk>/obiective/<int:objective_pk>/specifice/noua/",
        views.specific_create,
        name="specific-objective-create",
    ),
    path(
        "strategie/<int:pk>/specifice/<int:specific_pk>/modificare/",
        views.specific_update,
        name="specific-objective-update",
    ),
    path(
        "strategie/<int:pk>/specifice/<int:specific_pk>/stergere/",
        views.specific_delete,
        name="specific-objective-delete",
    ),
    path(
        "strategie/<int:pk>/specifice/<int:specific_pk>/indicatori/nou/",
        views.indicator_create,
        name="indicator-create",
    ),
    path(
        "strategie/<int:pk>/indicatori/<int:indicator_pk>/modificare/",
        views.indicator_update,
        name="indicator-update",
    ),
    path(
        "strategie/<int:pk>/indicatori/<int:indicator_pk>/stergere/",
        views.indicator_delete,
        name="indicator-delete",
    ),
]
