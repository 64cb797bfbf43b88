from django.urls import URLPattern

app_name = "communities"

urlpatterns: list[URLPattern] = []
