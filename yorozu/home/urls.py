from django.urls import path

from yorozu.home import views

app_name = "home"

urlpatterns = [
    path("", views.home, name="home"),
    path("role/", views.switch_role, name="switch_role"),
]
