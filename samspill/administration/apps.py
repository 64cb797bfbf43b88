from django.apps import AppConfig


class AdministrationConfig(AppConfig):
    name = "samspill.administration"
    label = "administration"
