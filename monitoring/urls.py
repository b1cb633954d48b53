from django.urls import path

from monitoring import views

urlpatterns = [
    path("monitorizare/", views.monitoring_list, name="monitoring"),
    path("monitorizare/planuri/<int:pk>/", views.plan_monitoring, name="monitoring-plan"),
    path(
        "monitorizare/planuri/<int:pk>/indicatori/",
        views.indicator_values,
        name="monitoring-indicators",
    ),
    path(
        "monitorizare/planuri/<int:pk>/perioade/<int:period_pk>/masuri/<int:measure_pk>/",
        views.progress_report,
        name="progress-report",
    ),
    path(
        "monitorizare/planuri/<int:pk>/perioade/<int:period_pk>/inchidere/",
        views.period_close,
        name="period-close",
    ),
    path(
        "monitorizare/rapoarte/<int:progress_pk>/acceptare/",
        views.progress_accept,
        name="progress-accept",
    ),
    path(
        "monitorizare/rapoarte/<int:progress_pk>/returnare/",
        views.progress_return,
        name="progress-return",
    ),
    path("monitorizare/masurile-noastre/", views.partner_measures, name="partner-measures"),
]
