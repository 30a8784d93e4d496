from django.urls import path

from yorozu.accounts import views

app_name = "accounts"

urlpatterns = [
    path("account/login/", views.placeholder, name="login"),
    path("account/logout/", views.placeholder, name="logout"),
    path("account/signup/", views.placeholder, name="signup"),
    path("account/settings/", views.placeholder, name="settings"),
    path("account/identity/", views.placeholder, name="identity"),
    path("clients/<int:user_id>/", views.placeholder, name="client_profile"),
]
