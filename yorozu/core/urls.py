from django.urls import path

from yorozu.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("role/", views.switch_role, name="switch_role"),
]
