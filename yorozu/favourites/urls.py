from django.urls import path

from yorozu.favourites import views

app_name = "favourites"
urlpatterns = [
    path("", views.favourite_list, name="list"),
    path("<slug:kind>/<id:target_id>/", views.toggle, name="toggle"),
]
