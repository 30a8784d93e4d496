from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "yorozu.reviews"
    label = "reviews"

    def ready(self) -> None:
        from yorozu.notifications.topics import register_kinds

        register_kinds("contracts", "review_received")
