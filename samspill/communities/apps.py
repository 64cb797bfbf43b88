from django.apps import AppConfig


class CommunitiesConfig(AppConfig):
    name = "samspill.communities"
    label = "communities"
