from django.urls import path

from yorozu.accounts import views

app_name = "accounts"

urlpatterns = [
    path("account/login/", views.AccountLoginView.as_view(), name="login"),
    path("account/logout/", views.AccountLogoutView.as_view(), name="logout"),
    path("account/signup/", views.signup, name="signup"),
    path("account/settings/", views.account_settings, name="settings"),
    path("account/identity/", views.identity, name="identity"),
    path("clients/<int:user_id>/", views.client_profile, name="client_profile"),
]
