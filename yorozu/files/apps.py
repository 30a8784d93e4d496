from django.apps import AppConfig


class FilesConfig(AppConfig):
    name = "yorozu.files"
    label = "files"

    def ready(self) -> None:
        from yorozu.files import moderated

        moderated.register_kinds()
