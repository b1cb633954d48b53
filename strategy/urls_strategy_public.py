"""URLs of the strategy as adopted (public) and of a version's PDF (staff); included by
strategy.urls. The public files are named by the draft decision the council adopted."""

from django.urls import path

from strategy import views_strategy_public as views

urlpatterns = [
    path("strategia/<int:pk>/", views.public_strategy, name="public-strategy"),
    path("hcl/<int:pk>/strategia.pdf", views.public_strategy_pdf, name="public-strategy-pdf"),
    path("hcl/<int:pk>/planul-anual.pdf", views.public_plan_pdf, name="public-plan-pdf"),
    path(
        "hcl/<int:pk>/raport-consultare.pdf",
        views.public_consultation_report,
        name="public-consultation-report",
    ),
    path(
        "strategie/<int:pk>/versiuni/<int:number>/pdf/",
        views.strategy_version_pdf,
        name="strategy-version-pdf",
    ),
]
