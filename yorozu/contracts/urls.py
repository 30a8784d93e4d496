from django.urls import path

from yorozu.contracts.views import money, secretariat, work

app_name = "contracts"

urlpatterns = [
    path("work/", work.dashboard, name="dashboard"),
    path("proposals/new/<id:job_id>/", work.propose, name="propose"),
    path("proposals/job/<id:job_id>/", work.job_proposals, name="job_proposals"),
    path("proposals/<id:proposal_id>/", work.proposal_detail, name="proposal_detail"),
    path("proposals/<id:proposal_id>/shortlist/", work.shortlist, name="shortlist"),
    path("proposals/<id:proposal_id>/decline/", work.decline, name="decline"),
    path("proposals/<id:proposal_id>/withdraw/", work.withdraw, name="withdraw"),
    path("proposals/<id:proposal_id>/hire/", work.hire, name="hire"),
    path("contracts/<id:contract_id>/", work.contract_detail, name="detail"),
    path("contracts/<id:contract_id>/offer/", work.edit_offer, name="edit_offer"),
    path("contracts/<id:contract_id>/documents/", money.contract_documents, name="documents"),
    path(
        "contracts/<id:contract_id>/documents/invoice-<id:position>.pdf",
        money.invoice,
        name="invoice",
    ),
    path(
        "contracts/<id:contract_id>/documents/receipt-<id:position>.pdf",
        money.receipt,
        name="receipt",
    ),
    path(
        "contracts/<id:contract_id>/<str:transition>/",
        work.contract_transition,
        name="transition",
    ),
    path("account/earnings/", money.earnings, name="earnings"),
    path("account/earnings/bank-account/", money.bank_account, name="bank_account"),
    path("account/earnings/withdraw/", money.withdraw, name="withdraw_earnings"),
    path(
        "account/payment-statements/<id:year>/<id:client_id>-<id:worker_id>.pdf",
        money.payment_statement,
        name="payment_statement",
    ),
    path("secretariat/disputes/", secretariat.disputes, name="disputes"),
    path("secretariat/disputes/<id:dispute_id>/", secretariat.dispute_detail, name="dispute"),
    path(
        "secretariat/disputes/<id:dispute_id>/resolve/",
        secretariat.resolve_dispute,
        name="resolve_dispute",
    ),
    path("secretariat/payouts/", secretariat.payouts, name="payouts"),
    path(
        "secretariat/payouts/withdrawals/<id:withdrawal_id>/return/",
        secretariat.reject_withdrawal,
        name="reject_withdrawal",
    ),
    path(
        "secretariat/payouts/batches/<id:batch_id>/zengin.txt",
        secretariat.transfer_file,
        name="transfer_file",
    ),
]
