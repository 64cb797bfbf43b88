from django.urls import path

from samspill.care import views

app_name = "care"

urlpatterns = [
    path("", views.show_sharing, name="sharing"),
    path("forhold/<int:relationship_id>/", views.edit_sharing, name="edit_sharing"),
    path(
        "forhold/<int:relationship_id>/avslutt/",
        views.end_relationship,
        name="end_relationship",
    ),
    path("historikk/", views.show_sharing_history, name="sharing_history"),
    path("innsyn/", views.show_access_log, name="access_log"),
    path("brukere/", views.show_caseload, name="caseload"),
    path("invitasjoner/", views.list_invitations, name="invitations"),
    path("invitasjoner/ny/", views.invite_service_user, name="invite_service_user"),
    path("invitasjoner/<str:token>/", views.answer_invitation, name="invitation"),
    path("finn-behandler/", views.show_directory, name="directory"),
    path(
        "finn-behandler/<int:membership_id>/",
        views.invite_provider,
        name="invite_provider",
    ),
]
