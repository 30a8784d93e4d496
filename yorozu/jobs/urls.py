from django.urls import path

from yorozu.jobs import views

app_name = "jobs"

urlpatterns = [
    path("", views.search, name="search"),
    path("new/", views.new, name="new"),
    path("mine/", views.mine, name="mine"),
    path("<id:job_id>/", views.detail, name="detail"),
    path("<id:job_id>/edit/", views.edit, name="edit"),
    path("<id:job_id>/close/", views.close, name="close"),
]
