from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "samspill.messaging"
    label = "messaging"
