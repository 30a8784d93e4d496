from django.apps import AppConfig


class BlocksConfig(AppConfig):
    name = "yorozu.blocks"
    label = "blocks"
