from django.urls import path

from yorozu.content import views

app_name = "content"

urlpatterns = [
    path("notices/", views.placeholder, name="notices"),
    path("help/faq/", views.placeholder, name="faq"),
    path("help/terms/", views.placeholder, name="terms"),
    path("help/guidelines/", views.placeholder, name="guidelines"),
    path("safety/", views.placeholder, name="safety"),
]
