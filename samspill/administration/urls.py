from django.urls import path

from samspill.administration import views

app_name = "administration"

urlpatterns = [
    path("", views.list_people, name="list_people"),
    path("<int:user_id>/", views.change_account, name="change_account"),
]
