from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "yorozu.core"
    label = "core"
