from django.urls import path

from yorozu.messaging import views

app_name = "messaging"

urlpatterns = [
    path("", views.placeholder, name="inbox"),
    path("<int:thread_id>/", views.placeholder, name="thread"),
    path("<int:thread_id>/send/", views.placeholder, name="send"),
]
