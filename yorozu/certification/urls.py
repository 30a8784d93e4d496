from django.urls import path

from yorozu.certification import views

app_name = "certification"

urlpatterns = [
    path("certified/", views.placeholder, name="programme"),
    path("account/certification/", views.placeholder, name="progress"),
]
