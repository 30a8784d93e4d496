from django.urls import path

from yorozu.workers import views

app_name = "workers"

urlpatterns = [
    path("", views.worker_search, name="search"),
    path("count/", views.worker_count, name="count"),
    path("scouts/", views.scouts_received, name="scouts"),
    path("scouts/sent/", views.scouts_sent, name="scouts_sent"),
    path("scouts/<id:scout_id>/accept/", views.scout_accept, name="scout_accept"),
    path("scouts/<id:scout_id>/decline/", views.scout_decline, name="scout_decline"),
    path("<id:user_id>/", views.worker_profile, name="profile"),
    path("<id:user_id>/scout/", views.scout_new, name="scout"),
]
