from django.urls import path

from yorozu.contracts import views

app_name = "contracts"

urlpatterns = [
    path("work/", views.dashboard, name="dashboard"),
    path("proposals/new/<id:job_id>/", views.propose, name="propose"),
    path("proposals/job/<id:job_id>/", views.job_proposals, name="job_proposals"),
    path("proposals/<id:proposal_id>/", views.proposal_detail, name="proposal_detail"),
    path("proposals/<id:proposal_id>/shortlist/", views.shortlist, name="shortlist"),
    path("proposals/<id:proposal_id>/decline/", views.decline, name="decline"),
    path("proposals/<id:proposal_id>/withdraw/", views.withdraw, name="withdraw"),
    path("proposals/<id:proposal_id>/hire/", views.hire, name="hire"),
    path("contracts/<id:contract_id>/", views.contract_detail, name="detail"),
    path(
        "contracts/<id:contract_id>/<str:transition>/",
        views.contract_transition,
        name="transition",
    ),
]
