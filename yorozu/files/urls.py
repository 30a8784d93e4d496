from django.urls import path

from yorozu.files import views

app_name = "files"

urlpatterns = [
    path("<id:attachment_id>/", views.download, name="download"),
]
