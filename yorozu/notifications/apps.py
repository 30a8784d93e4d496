from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "yorozu.notifications"
    label = "notifications"
