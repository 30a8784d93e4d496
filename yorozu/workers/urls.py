from django.urls import path

from yorozu.workers import views

app_name = "workers"

urlpatterns = [
    path("", views.placeholder, name="search"),
    path("<int:user_id>/", views.placeholder, name="profile"),
]
