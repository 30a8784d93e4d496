from django.urls import path

from yorozu.contracts import views

app_name = "contracts"

urlpatterns = [
    path("work/", views.placeholder, name="dashboard"),
]
