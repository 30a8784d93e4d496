from django.apps import AppConfig


class ConsoleConfig(AppConfig):
    """The secretariat's review console: the top floor, which knows no kind of content by
    name — it reads what each app registered with `moderation.registry`."""

    name = "yorozu.console"
    label = "console"
