from django.urls import path

from yorozu.enforcement import views

app_name = "enforcement"

urlpatterns = [
    # ?target=job|user|message|scout|proposal&id=<pk>
    path("reports/new/", views.placeholder, name="report"),
    path("account/restrictions/", views.placeholder, name="statement"),
    path("account/restrictions/<int:restriction_id>/appeal/", views.placeholder, name="appeal"),
    path("transparency/", views.placeholder, name="transparency"),
]
