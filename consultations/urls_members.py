"""URLs of the members pages (included by consultations.urls).

Staff reach any organisation of their municipality by id; an organisation's own members reach
theirs under ``furnizor/``. Object ids are always looked up within that organisation.
"""

from django.urls import path

from consultations import views_members as views

urlpatterns = [
    # Staff
    path("organizatii/<int:pk>/membri/", views.members, name="organisation-members"),
    path(
        "organizatii/<int:pk>/membri/invitatie/",
        views.member_invite,
        name="organisation-member-invite",
    ),
    path(
        "organizatii/<int:pk>/invitatii/<int:invitation_pk>/retragere/",
        views.invitation_revoke,
        name="organisation-invitation-revoke",
    ),
    path(
        "organizatii/<int:pk>/membri/<int:membership_pk>/stergere/",
        views.membership_delete,
        name="organisation-membership-delete",
    ),
    path(
        "organizatii/<int:pk>/membri/<int:membership_pk>/administrare/",
        views.membership_admin,
        name="organisation-membership-admin",
    ),
    # The provider's own organisation
    path("furnizor/organizatie/", views.provider_organisation, name="provider-organisation"),
    path("furnizor/membri/", views.members, name="provider-members"),
    path("furnizor/membri/invitatie/", views.member_invite, name="provider-member-invite"),
    path(
        "furnizor/invitatii/<int:invitation_pk>/retragere/",
        views.invitation_revoke,
        name="provider-invitation-revoke",
    ),
    path(
        "furnizor/membri/<int:membership_pk>/stergere/",
        views.membership_delete,
        name="provider-membership-delete",
    ),
    path(
        "furnizor/membri/<int:membership_pk>/administrare/",
        views.membership_admin,
        name="provider-membership-admin",
    ),
    # Anyone holding the link
    path("invitatie/<str:token>/", views.invitation_accept, name="invitation-accept"),
]
