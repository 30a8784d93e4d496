from django.urls import path

from yorozu.alerts import views

app_name = "alerts"
urlpatterns = [
    path("", views.saved_search_list, name="list"),
    path("save/", views.save, name="save"),
    path("<id:saved_id>/alerts/", views.alerts, name="alerts"),
    path("<id:saved_id>/delete/", views.delete, name="delete"),
    path("stop/<str:token>/", views.stop, name="stop"),
]
