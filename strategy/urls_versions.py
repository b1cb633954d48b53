"""URLs of the strategy versions pages (included by strategy.urls)."""

from django.urls import path

from strategy import views_versions as views

urlpatterns = [
    path("strategie/<int:pk>/versiuni/", views.strategy_versions, name="strategy-versions"),
    path(
        "strategie/<int:pk>/versiuni/publicare/",
        views.strategy_publish,
        name="strategy-publish",
    ),
    path(
        "strategie/<int:pk>/versiuni/comparare/",
        views.strategy_version_compare,
        name="strategy-version-compare",
    ),
    path(
        "strategie/<int:pk>/versiuni/<int:number>/",
        views.strategy_version_detail,
        name="strategy-version-detail",
    ),
    path(
        "strategie/<int:pk>/versiuni/<int:number>/consultare/",
        views.consultation_open,
        name="consultation-open",
    ),
    path(
        "strategie/<int:pk>/versiuni/<int:number>/consultare/termen/",
        views.consultation_extend,
        name="consultation-extend",
    ),
]
