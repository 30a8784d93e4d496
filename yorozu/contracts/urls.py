from django.urls import path

from yorozu.contracts import views

app_name = "contracts"

urlpatterns = [
    path("work/", views.placeholder, name="dashboard"),
    path("proposals/new/<int:job_id>/", views.placeholder, name="propose"),
    path("proposals/job/<int:job_id>/", views.placeholder, name="job_proposals"),
    path("proposals/<int:proposal_id>/", views.placeholder, name="proposal_detail"),
    path("proposals/<int:proposal_id>/shortlist/", views.placeholder, name="shortlist"),
    path("proposals/<int:proposal_id>/decline/", views.placeholder, name="decline"),
    path("proposals/<int:proposal_id>/withdraw/", views.placeholder, name="withdraw"),
    path("proposals/<int:proposal_id>/hire/", views.placeholder, name="hire"),
    path("contracts/<int:contract_id>/", views.placeholder, name="detail"),
    path("contracts/<int:contract_id>/<str:transition>/", views.placeholder, name="transition"),
]
