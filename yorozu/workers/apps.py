from django.apps import AppConfig


class WorkersConfig(AppConfig):
    name = "yorozu.workers"
    label = "workers"
