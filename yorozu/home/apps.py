from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The front of the site: the home page and what the header shows on every page (the role
    switch, the unread badges). It stands on the top floor: it reads several content apps."""

    name = "yorozu.home"
    label = "home"
