from django.urls import path

from yorozu.portfolio import views

app_name = "portfolio"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("new/", views.add, name="add"),
    path("<id:work_id>/edit/", views.edit, name="edit"),
    path("<id:work_id>/delete/", views.delete, name="delete"),
    path("<id:work_id>/move/", views.move, name="move"),
]
