from django.urls import path

from yorozu.messaging import views

app_name = "messaging"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("read-receipts/", views.read_receipts, name="read_receipts"),
    path("<id:thread_id>/", views.thread, name="thread"),
    path("<id:thread_id>/send/", views.send, name="send"),
    path("<id:thread_id>/nudge/", views.nudge, name="nudge"),
    path("<id:thread_id>/contact-request/", views.contact_request, name="contact_request"),
]
