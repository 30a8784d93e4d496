from django.urls import path

from yorozu.certification import views

app_name = "certification"

urlpatterns = [
    path("certified/", views.programme, name="programme"),
    path("account/certification/", views.progress, name="progress"),
    path("certified/workers/", views.tier_programme, name="tier_programme"),
    path("account/tier/", views.tier_progress, name="tier_progress"),
]
