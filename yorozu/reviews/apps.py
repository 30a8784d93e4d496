from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "yorozu.reviews"
    label = "reviews"
