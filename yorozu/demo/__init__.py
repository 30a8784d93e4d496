"""The demo marketplace behind `make run`, and bulk volume for benchmarks.

`manage.py load_demo_data` writes rows directly with the ORM (`bulk_create` in batches) instead of
calling the actions one step at a time, which would take minutes and send hundreds of
notifications. Skipping the actions means the data must keep by hand every promise the actions
keep; these are those promises, and `yorozu/demo/tests/test_demo_data.py` checks each of them:

Accounts
  - every user has a WorkerProfile and a ClientProfile (any account can hire and work);
  - client@example.com, worker@example.com and staff@example.com (staff + superuser) log in with
    the password `yorozu-demo`; one password hash is computed once and shared.

Jobs and proposals
  - `Job.main_category` is its category's parent; `Job.proposal_count` equals its proposals;
  - open jobs have a deadline in the future; closed jobs have `closed_at`;
  - a job has at most `hires_wanted` live (not cancelled) contracts;
  - one proposal per (job, worker), never on one's own job; a contract's proposal is `hired`.

Contracts, their events and the ledger
  - a contract's title, category and amount are its job's title and category and its proposal's
    price; its timestamps follow its path (accepted_at ≤ funded_at ≤ delivered_at ≤ completed_at)
    and every state reached has its stamp;
  - its ContractEvents form the chain from "" → offered to its current state, one per
    transition, each by the party the state machine allows;
  - each contract is one milestone in the state its story left it (as the data migration makes
    older contracts); a delivered one is accepted automatically no sooner than a day after loading;
  - the ledger is the actions' own balanced movements: a deposit once funded; on completion a
    release of amount − fee to the worker and the fee to the platform; on a cancellation by
    consent after funding (the only way to cancel then) a refund; every contract sums to zero and
    every WorkerBalance equals its worker's ledger sum;
  - a disputed contract has an open Dispute with the reporter's statement; a cancelled-after-
    funding one has the agreed CancellationRequest.

Money story (`money.py`, real actions): two milestones with withholding, a change request, an
automatic acceptance, a pending and an agreed cancellation, disputes open, escalated and split,
the worker's bank account and withdrawals — see that module's docstring.

Reviews and counters
  - reviews only on completed contracts, at most one per side, reviewee = the other party;
  - WorkerProfile.completed_count / ClientProfile.orders_count = completed contracts as
    worker / client; rating_avg/rating_count and satisfaction_avg/satisfaction_count are the
    mean (to two places) and count of the reviews received in that direction;
  - WorkerCategoryStat holds, per worker, completed contracts per subcategory and per main
    category, exactly what `rebuild_worker_stats` would compute.

Messages and notifications
  - one Thread per proposal's (job, worker) with client = the job's client; each has at least
    one message, and `last_message_at` is its latest message's time.

Certification
  - after `manage.py evaluate_certifications`, client@example.com is a certified client under
    the default criteria (docs/certification.md): within 182 days no late or failed funding (the
    contract awaiting funding was accepted days ago), ≥ ¥300,000 completed, 4★+ from every
    worker, every proposal and most workers' messages answered within 72 hours, most postings
    older than a week hired on; and other clients are not, so the badge and the filter mean
    something;
  - and worker tiers: three verified workers (TIER_WORKER_EXTRA_CONTRACTS in `builder.py`) have
    extra completed contracts delivered by the due date, 5-star reviews (one in five 4) and
    prompt answers to clients, so they hold 認定ワーカー (the first プロ認定ワーカー) on the shipped
    criteria; worker@example.com has the same habits but one milestone delivered late, so their
    progress page (/account/tier/) shows on-time delivery as the one criterion missing.

Trust and safety (`safety.py`)
  - written after the rest through the real actions (screening, cases, reports, a contact
    request, a scout, a restriction imposed by a second staff login, reviewer@example.com, and
    its appeal), so every queue of the console and the appeals page have work in them;
  - a held message is not its thread's `last_message_at`, as `do_send_message` keeps it.

The demo is deterministic from `--seed`: the same seed gives the same people, postings and
story (only timestamps move with the clock). `--scale N` (see `scale.py`) adds benchmark volume
and keeps the counters above exact, but carries no events, ledger, reviews or messages.
"""
