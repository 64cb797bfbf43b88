from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "samspill.goals"
    label = "goals"
