from django.urls import include, path

from consultations import views

urlpatterns = [
    path("ghid/", views.guide, name="guide"),
    path("ghid/export.xlsx", views.guide_export, name="guide-export"),
    path("servicii/nou/", views.service_form, name="service-create"),
    path("servicii/<int:pk>/", views.service_form, name="service-update"),
    path("servicii/modificari/", views.service_changes, name="service-changes"),
    path(
        "servicii/modificari/<int:pk>/decizie/",
        views.service_change_decide,
        name="service-change-decide",
    ),
    path("furnizor/servicii/", views.provider_services, name="provider-services"),
    path("furnizor/servicii/nou/", views.provider_service_form, name="provider-service-create"),
    path(
        "furnizor/servicii/<int:pk>/", views.provider_service_form, name="provider-service-update"
    ),
    path("", include("consultations.urls_members")),
    path("", include("consultations.urls_rounds")),
    path("", include("consultations.urls_review")),
    path("", include("consultations.urls_groups")),
]
