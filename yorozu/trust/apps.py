from django.apps import AppConfig


class TrustConfig(AppConfig):
    name = "yorozu.trust"
    label = "trust"
