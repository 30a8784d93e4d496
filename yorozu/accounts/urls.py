from django.urls import path

from yorozu.accounts import views

app_name = "accounts"

# Login, logout and signup keep their names and addresses; allauth's other pages (password reset
# and change, e-mail change and confirmation, two-factor) are included under account/ by the
# project's urls.py, after these.
urlpatterns = [
    path("account/login/", views.AccountLoginView.as_view(), name="login"),
    path("account/logout/", views.AccountLogoutView.as_view(), name="logout"),
    path("account/signup/", views.AccountSignupView.as_view(), name="signup"),
    path("account/settings/", views.account_settings, name="settings"),
    path("account/identity/", views.identity, name="identity"),
    path("account/security/", views.security, name="security"),
    path("account/2fa/required/", views.staff_second_factor, name="staff_second_factor"),
    path("account/privacy/", views.privacy, name="privacy"),
    path("account/privacy/export/", views.privacy_export, name="privacy_export"),
    path("account/privacy/delete/", views.privacy_delete, name="privacy_delete"),
    path("account/profile/skills/", views.skills, name="skills"),
    path("account/avatar/", views.avatar_upload, name="avatar_upload"),
    path("account/avatar/remove/", views.avatar_remove, name="avatar_remove"),
    path("account/avatar/<id:user_id>/<str:name>", views.avatar, name="avatar"),
    path("account/avatars/<id:avatar_id>/", views.avatar_file, name="avatar_file"),
    path("clients/<id:user_id>/", views.client_profile, name="client_profile"),
]
