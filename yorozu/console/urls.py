from django.urls import path

from yorozu.console import views

app_name = "console"

urlpatterns = [
    path("", views.queue, name="console"),
    path("queues/<slug:queue>/", views.queue, name="queue"),
    path("cases/<id:case_id>/", views.case_detail, name="case"),
    path("cases/<id:case_id>/claim/", views.claim, name="claim"),
    path("cases/<id:case_id>/decide/", views.decide, name="decide"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("rules/", views.rules, name="rules"),
    path("rules/new/", views.rule_new, name="rule_new"),
    path("rules/<id:rule_id>/", views.rule_detail, name="rule_detail"),
    path("rules/<id:rule_id>/edit/", views.rule_edit, name="rule_edit"),
    path("rules/<id:rule_id>/state/", views.rule_state, name="rule_state"),
    path("rules/<id:rule_id>/backtest/", views.rule_backtest, name="rule_backtest"),
    path("rescans/", views.rescans, name="rescans"),
    path("roundup/", views.roundup, name="roundup"),
    path("roundup/<id:notice_id>/", views.roundup_edit, name="roundup_edit"),
]
