from django.urls import path

from samspill.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("akutt-hjelp/", views.about_emergencies, name="emergencies"),
]
