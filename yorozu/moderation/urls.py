from django.urls import path

from yorozu.moderation import views

app_name = "moderation"

urlpatterns = [
    path("", views.placeholder, name="console"),
]
