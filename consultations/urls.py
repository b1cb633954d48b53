from django.urls import path

from consultations import views

urlpatterns = [
    path("ghid/", views.guide, name="guide"),
    path("ghid/export.xlsx", views.guide_export, name="guide-export"),
    path("servicii/nou/", views.service_form, name="service-create"),
    path("servicii/<int:pk>/", views.service_form, name="service-update"),
]
