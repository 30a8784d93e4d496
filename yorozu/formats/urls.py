from django.urls import path

from yorozu.formats import views

app_name = "formats"

urlpatterns = [
    path("tasks/new/", views.task_new, name="task_new"),
    path("tasks/answers/", views.my_answers, name="my_answers"),
    path("tasks/<id:job_id>/", views.task_detail, name="task"),
    path("tasks/<id:job_id>/fund/", views.task_fund, name="task_fund"),
    path("tasks/<id:job_id>/edit/", views.task_edit, name="task_edit"),
    path("tasks/<id:job_id>/close/", views.task_close, name="task_close"),
    path("tasks/<id:job_id>/answers/", views.task_review, name="task_review"),
    path("tasks/<id:job_id>/message/<id:worker_id>/", views.task_message, name="task_message"),
    path("tasks/answers/<id:submission_id>/approve/", views.answer_approve, name="answer_approve"),
    path("tasks/answers/<id:submission_id>/reject/", views.answer_reject, name="answer_reject"),
    path("competitions/new/", views.competition_new, name="competition_new"),
    path("competitions/entries/", views.my_entries, name="my_entries"),
    path("competitions/<id:job_id>/", views.competition_detail, name="competition"),
    path("competitions/<id:job_id>/fund/", views.competition_fund, name="competition_fund"),
    path("competitions/<id:job_id>/edit/", views.competition_edit, name="competition_edit"),
    path(
        "competitions/<id:job_id>/entries/<id:entry_id>/shortlist/",
        views.entry_shortlist,
        name="entry_shortlist",
    ),
    path(
        "competitions/<id:job_id>/entries/<id:entry_id>/comment/",
        views.entry_comment,
        name="entry_comment",
    ),
    path("competitions/<id:job_id>/entries/<id:entry_id>/win/", views.entry_win, name="entry_win"),
    path(
        "secretariat/competitions/<id:job_id>/",
        views.competition_decide,
        name="competition_decide",
    ),
]
