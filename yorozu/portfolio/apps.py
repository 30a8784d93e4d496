from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "yorozu.portfolio"
    label = "portfolio"

    def ready(self) -> None:
        from yorozu.portfolio import attachments, moderated

        attachments.register_hosts()
        moderated.register_kinds()
