from django.urls import path

from yorozu.jobs import views

app_name = "jobs"

urlpatterns = [
    path("", views.placeholder, name="search"),
    path("new/", views.placeholder, name="new"),
]
