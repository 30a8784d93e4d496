from django.urls import path

from yorozu.reviews import views

app_name = "reviews"

urlpatterns = [
    path("new/<id:contract_id>/", views.review_new, name="new"),
]
