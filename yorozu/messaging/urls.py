from django.urls import path

from yorozu.messaging import views

app_name = "messaging"

urlpatterns = [
    path("", views.placeholder, name="inbox"),
]
