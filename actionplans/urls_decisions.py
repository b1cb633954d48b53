"""URLs of the draft council decisions and the council's vote (included by actionplans.urls)."""

from django.urls import path

from actionplans import views_decisions as views

urlpatterns = [
    path("hotarari/", views.decision_list, name="decision-list"),
    path("hotarari/nou/", views.decision_create, name="decision-create"),
    path("hotarari/<int:pk>/", views.decision_detail, name="decision-detail"),
    path("hotarari/<int:pk>/modificare/", views.decision_update, name="decision-update"),
    path("hotarari/<int:pk>/istoric/", views.decision_history, name="decision-history"),
    path("hotarari/<int:pk>/avize/", views.opinion_add, name="opinion-add"),
    path(
        "hotarari/<int:pk>/avize/<int:opinion_pk>/stergere/",
        views.opinion_delete,
        name="opinion-delete",
    ),
    path(
        "hotarari/<int:pk>/avize/<int:opinion_pk>/aviz.pdf",
        views.opinion_download,
        name="opinion-download",
    ),
    path("hotarari/<int:pk>/trimitere/", views.decision_submit, name="decision-submit"),
    path("hotarari/<int:pk>/retragere/", views.decision_withdraw, name="decision-withdraw"),
    path("hotarari/<int:pk>/vot/", views.decision_vote, name="decision-vote"),
    path("hotarari/<int:pk>/dosar/", views.decision_dossier, name="decision-dossier"),
    path("consiliu/", views.council_workspace, name="council-workspace"),
]
