from django.urls import path

from yorozu.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.placeholder, name="list"),
]
