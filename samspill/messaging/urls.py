from django.urls import path

from samspill.messaging import views

app_name = "messaging"

urlpatterns = [
    path("", views.list_threads, name="list_threads"),
    path("ny/", views.start_thread, name="start_thread"),
    path("ny/utkast/", views.save_new_thread_draft, name="save_new_thread_draft"),
    path("<int:thread_id>/", views.show_thread, name="show_thread"),
    path("<int:thread_id>/svar/", views.send_reply, name="send_reply"),
    path("<int:thread_id>/utkast/", views.save_reply_draft, name="save_reply_draft"),
    path("fravaer/", views.edit_away_notice, name="edit_away_notice"),
    path(
        "varsler/",
        views.edit_notification_preferences,
        name="edit_notification_preferences",
    ),
]
