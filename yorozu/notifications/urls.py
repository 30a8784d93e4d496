from django.urls import path

from yorozu.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.placeholder, name="list"),
    path("<int:notification_id>/read/", views.placeholder, name="read"),
    path("read-all/", views.placeholder, name="read_all"),
]
