"""URLs of the strategy evidence pages (included by strategy.urls).

Staff: why an objective (its evidence) and the needs left unaddressed, under ``strategie/``.
Providers: what became of their input, under ``furnizor/``.
"""

from django.urls import path

from strategy import views_evidence as views

urlpatterns = [
    path(
        "strategie/<int:pk>/obiective/<int:objective_pk>/dovezi/",
        views.objective_evidence,
        name="objective-evidence",
    ),
    path(
        "strategie/<int:pk>/nevoi-neacoperite/",
        views.unaddressed_needs,
        name="strategy-unaddressed-needs",
    ),
    path("furnizor/contributii/", views.provider_input, name="provider-input"),
]
