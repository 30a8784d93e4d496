from django.apps import AppConfig


class CertificationConfig(AppConfig):
    name = "yorozu.certification"
    label = "certification"
