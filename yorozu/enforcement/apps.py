from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "yorozu.enforcement"
    label = "enforcement"
