from django.urls import path

from yorozu.certification import views

app_name = "certification"

urlpatterns = [
    path("certified/", views.programme, name="programme"),
    path("account/certification/", views.progress, name="progress"),
]
