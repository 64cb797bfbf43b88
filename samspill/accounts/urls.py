from django.urls import path

from samspill.accounts import views

app_name = "accounts"

urlpatterns = [
    path("logg-inn/", views.login, name="login"),
    path("logg-ut/", views.logout, name="logout"),
    path("aktiv/", views.keepalive, name="keepalive"),
    path("sikkerhet/", views.security, name="security"),
]
