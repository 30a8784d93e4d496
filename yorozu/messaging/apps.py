from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "yorozu.messaging"
    label = "messaging"
