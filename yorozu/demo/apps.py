from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo marketplace behind `make run` and the bulk volume for benchmarks: the top floor,
    since it writes every app's rows."""

    name = "yorozu.demo"
    label = "demo"
