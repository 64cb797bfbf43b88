from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "samspill.care"
    label = "care"
