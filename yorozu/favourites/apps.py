from django.apps import AppConfig


class FavouritesConfig(AppConfig):
    name = "yorozu.favourites"
    label = "favourites"
