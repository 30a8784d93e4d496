from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "yorozu.moderation"
    label = "moderation"
