"""URLs of the municipality's templates of the decision texts (included by actionplans.urls)."""

from django.urls import path

from actionplans import views_templates as views

urlpatterns: list = [
    path("hotarari/sabloane/", views.decision_template_list, name="decision-template-list"),
    path(
        "hotarari/sabloane/<str:kind>/<str:part>/",
        views.decision_template_edit,
        name="decision-template-edit",
    ),
    path(
        "hotarari/sabloane/<str:kind>/<str:part>/implicit/",
        views.decision_template_reset,
        name="decision-template-reset",
    ),
]
