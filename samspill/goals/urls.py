from django.urls import path

from samspill.goals import views

app_name = "goals"

urlpatterns = [
    path("", views.list_goals, name="list"),
    path("ny/", views.add_goal, name="add"),
    path("<int:goal_id>/", views.show_goal, name="detail"),
    path("<int:goal_id>/endre/", views.edit_goal, name="edit"),
    path("<int:goal_id>/slett/", views.delete_goal, name="delete"),
    path("<int:goal_id>/aktiviteter/ny/", views.add_activity, name="add_activity"),
    path("<int:goal_id>/kommentarer/", views.add_comment, name="add_comment"),
    path(
        "aktiviteter/<int:activity_id>/endre/",
        views.edit_activity,
        name="edit_activity",
    ),
    path(
        "aktiviteter/<int:activity_id>/slett/",
        views.delete_activity,
        name="delete_activity",
    ),
    path(
        "aktiviteter/<int:activity_id>/ferdig/",
        views.toggle_activity,
        name="toggle_activity",
    ),
    path("person/<int:owner_id>/", views.list_user_goals, name="user_goals"),
]
