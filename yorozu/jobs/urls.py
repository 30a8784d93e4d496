from django.urls import path

from yorozu.jobs import views

app_name = "jobs"

urlpatterns = [
    path("", views.placeholder, name="search"),
    path("new/", views.placeholder, name="new"),
    path("mine/", views.placeholder, name="mine"),
    path("<int:job_id>/", views.placeholder, name="detail"),
    path("<int:job_id>/edit/", views.placeholder, name="edit"),
    path("<int:job_id>/close/", views.placeholder, name="close"),
]
