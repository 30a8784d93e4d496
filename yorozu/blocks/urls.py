from django.urls import path

from yorozu.blocks import views

app_name = "blocks"
urlpatterns = [
    path("", views.block_list, name="list"),
    path("<id:user_id>/", views.block_user, name="block"),
    path("<id:user_id>/unblock/", views.unblock_user, name="unblock"),
]
