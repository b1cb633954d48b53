"""URLs of the plan's files: budget import, XLSX export, PDF (included by actionplans.urls)."""

from django.urls import path

from actionplans import views_files as views

urlpatterns = [
    path(
        "planuri-anuale/<int:pk>/import-buget/",
        views.plan_budget_import,
        name="plan-budget-import",
    ),
    path("planuri-anuale/<int:pk>/export.xlsx", views.plan_export_xlsx, name="plan-export-xlsx"),
    path("planuri-anuale/<int:pk>/pdf/", views.plan_pdf, name="plan-pdf"),
]
