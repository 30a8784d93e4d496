from django.urls import path

from yorozu.enforcement import views

app_name = "enforcement"

urlpatterns = [
    # ?target=job|user|message|scout|proposal&id=<pk>
    path("reports/new/", views.report, name="report"),
    path("reports/mine/", views.my_reports, name="my_reports"),
    path("account/restrictions/", views.statement, name="statement"),
    path("account/restrictions/<id:restriction_id>/appeal/", views.appeal, name="appeal"),
    path("transparency/", views.transparency, name="transparency"),
    path("secretariat/reports/", views.secretariat_reports, name="secretariat_reports"),
    path(
        "secretariat/reports/<id:case_id>/",
        views.secretariat_report_case,
        name="secretariat_report_case",
    ),
    path("secretariat/appeals/", views.secretariat_appeals, name="secretariat_appeals"),
    path(
        "secretariat/appeals/<id:appeal_id>/", views.secretariat_appeal, name="secretariat_appeal"
    ),
    path(
        "secretariat/restrictions/<id:restriction_id>/lift/",
        views.secretariat_lift,
        name="secretariat_lift",
    ),
    path("secretariat/audit/", views.audit, name="audit"),
]
