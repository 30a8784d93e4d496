from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "yorozu.catalog"
    label = "catalog"
