from django.urls import path

from yorozu.content import views
from yorozu.content.feeds import NoticesFeed

app_name = "content"

urlpatterns = [
    path("notices/", views.notice_list, name="notices"),
    path("notices/feed/", NoticesFeed(), name="notices_feed"),
    path("notices/<slug:slug>/", views.notice_detail, name="notice_detail"),
    path("help/faq/", views.faq, name="faq"),
    path("help/terms/", views.terms, name="terms"),
    path("help/guidelines/", views.guidelines, name="guidelines"),
    path("help/privacy/", views.privacy, name="privacy"),
    path("help/support/", views.support_list, name="support"),
    path("help/support/<slug:slug>/", views.support_detail, name="support_detail"),
    path("safety/", views.safety, name="safety"),
]
