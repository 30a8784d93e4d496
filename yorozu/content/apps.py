from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "yorozu.content"
    label = "content"
