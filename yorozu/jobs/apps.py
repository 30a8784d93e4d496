from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "yorozu.jobs"
    label = "jobs"
