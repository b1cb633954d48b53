"""URLs of the thematic working groups (included by consultations.urls).

Meetings and proposals live under their group; their ids are looked up within it.
"""

from django.urls import path

from consultations import views_groups as views

urlpatterns = [
    path("grupuri/", views.group_list, name="group-list"),
    path("grupuri/nou/", views.group_form, name="group-create"),
    path("grupuri/<int:pk>/", views.group_detail, name="group-detail"),
    path("grupuri/<int:pk>/editare/", views.group_form, name="group-update"),
    path("grupuri/<int:pk>/intalniri/noua/", views.meeting_form, name="meeting-create"),
    path("grupuri/<int:pk>/intalniri/<int:meeting_pk>/", views.meeting_form, name="meeting-update"),
    path("grupuri/<int:pk>/propuneri/noua/", views.proposal_create, name="proposal-create"),
    path(
        "grupuri/<int:pk>/propuneri/<int:proposal_pk>/",
        views.proposal_update,
        name="proposal-update",
    ),
]
