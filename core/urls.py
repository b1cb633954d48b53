from django.urls import include, path

from core import views

municipality_patterns = [
    path("", views.municipality_detail, name="municipality-detail"),
    path("panou/", views.dashboard, name="municipality-dashboard"),
    path("inregistrare/", views.public_signup, name="public-signup"),
    path("cicluri/nou/", views.StrategyCycleCreateView.as_view(), name="cycle-create"),
    path("cicluri/<int:pk>/", views.cycle_detail, name="cycle-detail"),
    path("cicluri/<int:pk>/avansare/", views.cycle_advance, name="cycle-advance"),
    path("cicluri/<int:pk>/revenire/", views.cycle_rollback, name="cycle-rollback"),
    path("zone/", views.ZoneListView.as_view(), name="zone-list"),
    path("zone/noua/", views.ZoneCreateView.as_view(), name="zone-create"),
    path("zone/<int:pk>/", views.ZoneUpdateView.as_view(), name="zone-update"),
    path("organizatii/", views.OrganisationListView.as_view(), name="organisation-list"),
    path("organizatii/noua/", views.OrganisationCreateView.as_view(), name="organisation-create"),
    path(
        "organizatii/<int:pk>/", views.OrganisationUpdateView.as_view(), name="organisation-update"
    ),
    path("roluri/", views.MembershipListView.as_view(), name="membership-list"),
    path("roluri/<int:pk>/stergere/", views.membership_delete, name="membership-delete"),
    path("", include("beneficiaries.urls")),
    path("", include("consultations.urls")),
    path("", include("strategy.urls")),
    path("", include("actionplans.urls")),
    path("", include("monitoring.urls")),
    path("", include("core.urls_generated")),
]
