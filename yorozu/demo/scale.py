"""Bulk volume for benchmarks: N workers, N/5 clients, N jobs and 5×N completed contracts.

Speed comes from planning in Python and writing with `bulk_create` in batches, each batch in its
own transaction (so SQLite commits a few thousand rows at a time and PostgreSQL never holds one
huge transaction). Events, ledger rows, reviews and messages are skipped at this scale; what
search reads is kept exact: every contract has its hired proposal, `Job.proposal_count` and
`hires_wanted` match them, and `WorkerProfile.completed_count`, `ClientProfile.orders_count` and
`WorkerCategoryStat` are counted while planning, so they equal a recomputation from contracts.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from typing import cast

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from yorozu.accounts.models import (
    ClientKind,
    ClientProfile,
    Gender,
    IdentityStatus,
    Role,
    User,
    WorkerProfile,
)
from yorozu.catalog.models import Category
from yorozu.contracts.models import (
    Contract,
    ContractStatus,
    Milestone,
    MilestoneStatus,
    Proposal,
    ProposalStatus,
)
from yorozu.demo import texts
from yorozu.demo.builder import (
    DEMO_PASSWORD,
    Progress,
    birth_date_for_age,
    company_name,
    person_name,
    weighted_prefecture,
    worker_age,
)
from yorozu.jobs.models import Job, JobStatus, PayType
from yorozu.workers.models import WorkerCategoryStat

USER_BATCH = 2000
JOB_BATCH = 1000  # about 5,000 proposals and 5,000 contracts per transaction
STAT_BATCH = 5000
CONTRACTS_PER_JOB = 5


def contracts_per_job(rng: random.Random, jobs: int, workers: int) -> list[int]:
    """Exactly CONTRACTS_PER_JOB × jobs in total (when workers allow), spread from 1 to 9.

    Pairs of jobs trade contracts, which keeps the sum while varying the counts. A job never
    has more contracts than there are workers, since each needs its own worker's proposal.
    """
    cap = max(1, min(workers, 2 * CONTRACTS_PER_JOB - 1))
    counts = [min(CONTRACTS_PER_JOB, cap)] * jobs
    for _ in range(jobs // 2):
        a, b = rng.randrange(jobs), rng.randrange(jobs)
        shift = rng.randint(0, CONTRACTS_PER_JOB - 1)
        if a != b and counts[a] + shift <= cap and counts[b] - shift >= 1:
            counts[a] += shift
            counts[b] -= shift
    return counts


class ScaleBuilder:
    """Writes the benchmark volume on top of whatever users already exist."""

    def __init__(self, n: int, seed: int, progress: Progress, now=None):
        self.n = n
        self.rng = random.Random(f"scale-{seed}-{n}")
        self.progress = progress
        self.now = now or timezone.now()
        self.today = timezone.localdate(self.now)
        self.password = make_password(DEMO_PASSWORD)
        self.counts: Counter[str] = Counter()
        # A run tag keeps e-mail addresses unique if --scale is run more than once.
        self.tag = User.objects.count()

    def build(self) -> Counter[str]:
        rng = self.rng
        n_workers, n_clients, n_jobs = self.n, max(1, self.n // 5), self.n
        subcategories = list(Category.objects.filter(parent__isnull=False).order_by("id"))
        parent_of = {c.pk: cast(int, c.parent_id) for c in subcategories}

        # Plan every job's client, category and hired workers; count what they will complete.
        bar = self.progress("Scale: planning", n_jobs)
        per_job = contracts_per_job(rng, n_jobs, n_workers)
        plan: list[tuple[int, Category, list[int]]] = []
        completed: Counter[int] = Counter()
        orders: Counter[int] = Counter()
        stats: Counter[tuple[int, int]] = Counter()
        for j in range(n_jobs):
            client = rng.randrange(n_clients)
            category = rng.choice(subcategories)
            hired = rng.sample(range(n_workers), per_job[j])
            plan.append((client, category, hired))
            orders[client] += len(hired)
            for w in hired:
                completed[w] += 1
                stats[(w, category.pk)] += 1
                stats[(w, parent_of[category.pk])] += 1
            bar.update(1)
        bar.close()

        worker_ids = self.make_users(n_workers, Role.WORKER, completed, orders=None)
        client_ids = self.make_users(n_clients, Role.CLIENT, None, orders=orders)
        self.make_jobs_and_contracts(plan, client_ids, worker_ids)

        rows = [
            WorkerCategoryStat(worker_id=worker_ids[w], category_id=c, completed_count=k)
            for (w, c), k in stats.items()
        ]
        bar = self.progress("Scale: worker category stats", len(rows))
        for start in range(0, len(rows), STAT_BATCH):
            with transaction.atomic():
                WorkerCategoryStat.objects.bulk_create(rows[start : start + STAT_BATCH])
            bar.update(min(STAT_BATCH, len(rows) - start))
        bar.close()
        self.counts[WorkerCategoryStat._meta.label] += len(rows)
        return self.counts

    def make_users(self, count: int, role: str, completed, orders) -> list[int]:
        """Users with both profiles; returns their ids in plan order."""
        rng = self.rng
        kind = "w" if role == Role.WORKER else "c"
        ids: list[int] = []
        label = "Scale: workers" if role == Role.WORKER else "Scale: clients"
        bar = self.progress(label, count)
        for start in range(0, count, USER_BATCH):
            users, workers, clients = [], [], []
            for i in range(start, min(count, start + USER_BATCH)):
                gender = rng.choices(
                    [Gender.MALE, Gender.FEMALE, Gender.OTHER, Gender.NO_ANSWER],
                    weights=[45, 43, 3, 9],
                )[0]
                name, _local = person_name(rng, gender)
                users.append(
                    User(
                        email=f"scale{self.tag}-{kind}{i}@scale.example.com",
                        display_name=name,
                        password=self.password,
                        active_role=role,
                        date_joined=self.now - datetime.timedelta(days=rng.uniform(30, 1500)),
                        last_active_at=self.now - datetime.timedelta(days=rng.uniform(0, 120)),
                        identity_status=(
                            IdentityStatus.VERIFIED
                            if rng.random() < 0.3
                            else IdentityStatus.UNVERIFIED
                        ),
                    )
                )
                if role == Role.WORKER:
                    headlines, _bios, skills = texts.WORKER_SPECIALTIES[
                        rng.choice(list(texts.WORKER_SPECIALTIES))
                    ]
                    workers.append(
                        WorkerProfile(
                            headline=rng.choice(headlines),
                            skills=", ".join(rng.sample(skills, k=3)),
                            prefecture=weighted_prefecture(rng),
                            gender=gender,
                            birth_date=(
                                birth_date_for_age(rng, self.today, worker_age(rng))
                                if rng.random() < 0.93
                                else None
                            ),
                            show_gender=rng.random() < 0.55,
                            show_age=rng.random() < 0.5,
                            accepts_scouts=rng.random() < 0.8,
                            completed_count=completed[i],
                        )
                    )
                    clients.append(ClientProfile())
                else:
                    is_company = rng.random() < 0.5
                    workers.append(WorkerProfile(prefecture=weighted_prefecture(rng)))
                    clients.append(
                        ClientProfile(
                            kind=ClientKind.COMPANY if is_company else ClientKind.INDIVIDUAL,
                            company_name=company_name(rng) if is_company else "",
                            orders_count=orders[i],
                        )
                    )
            with transaction.atomic():
                User.objects.bulk_create(users)
                for user, wp, cp in zip(users, workers, clients, strict=True):
                    wp.user_id = user.pk
                    cp.user_id = user.pk
                WorkerProfile.objects.bulk_create(workers)
                ClientProfile.objects.bulk_create(clients)
            ids.extend(u.pk for u in users)
            bar.update(len(users))
        bar.close()
        self.counts[User._meta.label] += count
        self.counts[WorkerProfile._meta.label] += count
        self.counts[ClientProfile._meta.label] += count
        return ids

    def make_jobs_and_contracts(self, plan, client_ids: list[int], worker_ids: list[int]) -> None:
        rng = self.rng
        bar = self.progress("Scale: jobs and contracts", len(plan))
        for start in range(0, len(plan), JOB_BATCH):
            chunk = plan[start : start + JOB_BATCH]
            jobs, hires = [], []
            for client, category, hired in chunk:
                titles, detail, wanted = texts.JOB_TEMPLATES[category.slug]
                biz = rng.choice(texts.BUSINESSES)
                created = self.now - datetime.timedelta(days=rng.uniform(40, 1000))
                is_open = rng.random() < 0.4
                low = rng.choice([5, 10, 20, 30, 50, 80, 100, 150, 300]) * 1000
                high = low * rng.choice([1, 2, 2, 3])
                jobs.append(
                    Job(
                        client_id=client_ids[client],
                        title=rng.choice(titles).format(biz=biz),
                        category_id=category.pk,
                        main_category_id=category.parent_id,
                        description=f"【依頼内容】\n{detail.format(biz=biz)}\n\n"
                        f"【求めるスキル・経験】\n{wanted}",
                        pay_type=PayType.FIXED,
                        budget_min=low,
                        budget_max=high,
                        deadline=(
                            self.today + datetime.timedelta(days=rng.randint(1, 60))
                            if is_open
                            else (created + datetime.timedelta(days=14)).date()
                        ),
                        hires_wanted=len(hired),
                        status=JobStatus.OPEN if is_open else JobStatus.CLOSED,
                        proposal_count=len(hired),
                        created_at=created,
                        updated_at=created,
                        closed_at=None if is_open else created + datetime.timedelta(days=20),
                    )
                )
                hires.append(hired)
            with transaction.atomic():
                Job.objects.bulk_create(jobs)
                proposals, contracts = [], []
                for job, hired in zip(jobs, hires, strict=True):
                    for w in hired:
                        price = rng.randint(job.budget_min // 1000, job.budget_max // 1000) * 1000
                        at = job.created_at + datetime.timedelta(hours=rng.uniform(1, 72))
                        proposals.append(
                            Proposal(
                                job_id=job.pk,
                                worker_id=worker_ids[w],
                                price=price,
                                message="ご検討のほど、よろしくお願いいたします。",
                                delivery_days=rng.choice([5, 7, 10, 14]),
                                status=ProposalStatus.HIRED,
                                created_at=at,
                                updated_at=at,
                            )
                        )
                Proposal.objects.bulk_create(proposals)
                by_job = {j.pk: j for j in jobs}
                for proposal in proposals:
                    job = by_job[proposal.job_id]
                    offered = proposal.created_at + datetime.timedelta(days=1)
                    contracts.append(
                        Contract(
                            job_id=job.pk,
                            proposal_id=proposal.pk,
                            client_id=job.client_id,
                            worker_id=proposal.worker_id,
                            title=job.title,
                            category_id=job.category_id,
                            amount=proposal.price,
                            status=ContractStatus.COMPLETED,
                            created_at=offered,
                            accepted_at=offered + datetime.timedelta(hours=5),
                            funded_at=offered + datetime.timedelta(hours=20),
                            delivered_at=offered + datetime.timedelta(days=proposal.delivery_days),
                            completed_at=offered
                            + datetime.timedelta(days=proposal.delivery_days + 2),
                        )
                    )
                Contract.objects.bulk_create(contracts)
                # Volume for search benchmarks: each contract is one paid milestone (no events
                # or ledger rows, as before milestones).
                Milestone.objects.bulk_create(
                    Milestone(
                        contract=c,
                        position=1,
                        title=c.title,
                        amount=c.amount,
                        status=MilestoneStatus.RELEASED,
                        funded_at=c.funded_at,
                        delivered_at=c.delivered_at,
                        closed_at=c.completed_at,
                        released=c.amount,
                    )
                    for c in contracts
                )
            self.counts[Job._meta.label] += len(jobs)
            self.counts[Proposal._meta.label] += len(proposals)
            self.counts[Contract._meta.label] += len(contracts)
            bar.update(len(chunk))
        bar.close()
