from django.urls import path

from yorozu.contracts.views import money, secretariat, work

app_name = "contracts"

urlpatterns = [
    path("work/", work.dashboard, name="dashboard"),
    path("proposals/new/<int:job_id>/", work.propose, name="propose"),
    path("proposals/job/<int:job_id>/", work.job_proposals, name="job_proposals"),
    path("proposals/<int:proposal_id>/", work.proposal_detail, name="proposal_detail"),
    path("proposals/<int:proposal_id>/shortlist/", work.shortlist, name="shortlist"),
    path("proposals/<int:proposal_id>/decline/", work.decline, name="decline"),
    path("proposals/<int:proposal_id>/withdraw/", work.withdraw, name="withdraw"),
    path("proposals/<int:proposal_id>/hire/", work.hire, name="hire"),
    path("contracts/<int:contract_id>/", work.contract_detail, name="detail"),
    path("contracts/<int:contract_id>/offer/", work.edit_offer, name="edit_offer"),
    path("contracts/<int:contract_id>/documents/", money.contract_documents, name="documents"),
    path(
        "contracts/<int:contract_id>/documents/invoice-<int:position>.pdf",
        money.invoice,
        name="invoice",
    ),
    path(
        "contracts/<int:contract_id>/documents/receipt-<int:position>.pdf",
        money.receipt,
        name="receipt",
    ),
    path(
        "contracts/<int:contract_id>/<str:transition>/",
        work.contract_transition,
        name="transition",
    ),
    path("account/earnings/", money.earnings, name="earnings"),
    path("account/earnings/bank-account/", money.bank_account, name="bank_account"),
    path("account/earnings/withdraw/", money.withdraw, name="withdraw_earnings"),
    path(
        "account/payment-statements/<int:year>/<int:client_id>-<int:worker_id>.pdf",
        money.payment_statement,
        name="payment_statement",
    ),
    path("secretariat/disputes/", secretariat.disputes, name="disputes"),
    path("secretariat/disputes/<int:dispute_id>/", secretariat.dispute_detail, name="dispute"),
    path(
        "secretariat/disputes/<int:dispute_id>/resolve/",
        secretariat.resolve_dispute,
        name="resolve_dispute",
    ),
    path("secretariat/payouts/", secretariat.payouts, name="payouts"),
    path(
        "secretariat/payouts/withdrawals/<int:withdrawal_id>/return/",
        secretariat.reject_withdrawal,
        name="reject_withdrawal",
    ),
    path(
        "secretariat/payouts/batches/<int:batch_id>/zengin.txt",
        secretariat.transfer_file,
        name="transfer_file",
    ),
]
