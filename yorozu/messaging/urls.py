from django.urls import path

from yorozu.messaging import views

app_name = "messaging"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:thread_id>/", views.thread, name="thread"),
    path("<int:thread_id>/send/", views.send, name="send"),
]
