from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "yorozu.core"
    label = "core"

    def ready(self) -> None:
        from yorozu.core import converters

        converters.register()  # `<id:…>` in every app's urls.py
