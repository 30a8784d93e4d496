from django.urls import path

from yorozu.workers import views

app_name = "workers"

urlpatterns = [
    path("", views.worker_search, name="search"),
    path("<int:user_id>/", views.worker_profile, name="profile"),
]
