from django.urls import path

from yorozu.accounts import views

app_name = "accounts"

urlpatterns = [
    path("account/login/", views.placeholder, name="login"),
    path("account/logout/", views.placeholder, name="logout"),
    path("account/signup/", views.placeholder, name="signup"),
    path("account/settings/", views.placeholder, name="settings"),
]
