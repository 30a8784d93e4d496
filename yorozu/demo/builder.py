"""Build the demo marketplace: the fixed logins, a crowd of clients and workers, and their history.

The whole story is planned in Python first (who posts what, who proposes, which proposals become
contracts and how far each contract got), then written with `bulk_create` phase by phase. The
denormalized counters are computed from the same plan, so they equal what the actions would have
produced had every step been taken through them. See the package docstring for the invariants.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol, cast

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from yorozu.accounts.models import (
    AccountEvent,
    ClientKind,
    ClientProfile,
    Gender,
    IdentityStatus,
    Role,
    User,
    WorkerProfile,
)
from yorozu.accounts.prefectures import PREFECTURES
from yorozu.catalog.models import Category
from yorozu.contracts import ledger as money_ledger
from yorozu.contracts.models import (
    CancellationRequest,
    CancellationStatus,
    Contract,
    ContractEvent,
    ContractStatus,
    Dispute,
    DisputeReason,
    DisputeStatement,
    LedgerEntry,
    Milestone,
    MilestoneStatus,
    Proposal,
    ProposalStatus,
)
from yorozu.contracts.payments import SandboxGateway, platform_fee
from yorozu.demo import texts
from yorozu.demo.profiles import enrich_profiles
from yorozu.jobs.models import Job, JobEvent, JobStatus, PayType
from yorozu.messaging.models import Message, Thread
from yorozu.notifications.models import Notification
from yorozu.reviews.models import Direction, Review
from yorozu.workers.models import WorkerCategoryStat

DEMO_PASSWORD = "yorozu-demo"
CLIENT_EMAIL = "client@example.com"
WORKER_EMAIL = "worker@example.com"
STAFF_EMAIL = "staff@example.com"

CLIENT_COUNT = 36
WORKER_COUNT = 180
JOB_COUNT = 240
BATCH = 1000
# Worker tiers (docs/certification.md): this many verified workers are given a track record that
# meets the default 認定ワーカー criteria — extra completed contracts each (the first enough for
# プロ認定ワーカー too), delivered by the due date, rated 5 stars (one review in five 4) and
# answering clients promptly. The demo worker has the same habits except for one milestone
# delivered late, so their progress page shows the one criterion still missing.
TIER_WORKER_EXTRA_CONTRACTS = (20, 6, 5)
# Days given to deliver a tier worker's contracts (longer than delivering ever takes here).
TIER_DELIVERY_DAYS = 14
# Days since the demo client posted each of their open postings that has no contract yet.
DEMO_CLIENT_OPEN_POSTING_AGES = (1.5, 4.0, 16.0)

# Prefectures weighted roughly by population, so Tokyo and Osaka are crowded but every region
# (and most prefectures) has someone. Codes not listed get weight 1.
PREFECTURE_WEIGHTS = {1: 4, 4: 2, 11: 6, 12: 5, 13: 20, 14: 9, 22: 3, 23: 7, 26: 3, 27: 9, 28: 5}
PREFECTURE_WEIGHTS.update({40: 5, 34: 2, 47: 2})

# How far the randomly drawn contracts got (the fixed logins' contracts are scripted on top).
RANDOM_CONTRACT_STATES = (
    [ContractStatus.COMPLETED] * 62
    + [ContractStatus.OFFERED] * 6
    + [ContractStatus.ACCEPTED] * 6
    + [ContractStatus.FUNDED] * 8
    + [ContractStatus.DELIVERED] * 6
    + [ContractStatus.CANCELLED] * 9
    + [ContractStatus.DISPUTED] * 5
)

# Each state and the steps that led to it: (from, to, who acted, the step's name).
PATHS: dict[str, list[tuple[str, str, str, str]]] = {
    ContractStatus.OFFERED: [],
    ContractStatus.ACCEPTED: [("offered", "accepted", "worker", "accept")],
    ContractStatus.FUNDED: [
        ("offered", "accepted", "worker", "accept"),
        ("accepted", "funded", "client", "fund"),
    ],
    ContractStatus.DELIVERED: [
        ("offered", "accepted", "worker", "accept"),
        ("accepted", "funded", "client", "fund"),
        ("funded", "delivered", "worker", "deliver"),
    ],
    ContractStatus.COMPLETED: [
        ("offered", "accepted", "worker", "accept"),
        ("accepted", "funded", "client", "fund"),
        ("funded", "delivered", "worker", "deliver"),
        ("delivered", "completed", "client", "complete"),
    ],
}
# A delivered demo contract is accepted automatically no sooner than this after loading, so the
# demo keeps its deliveries awaiting acceptance for a day (as the data migration gives notice).
ACCEPTANCE_NOTICE = datetime.timedelta(days=1)
STAMPS = {
    "accepted": "accepted_at",
    "funded": "funded_at",
    "delivered": "delivered_at",
    "completed": "completed_at",
    "cancelled": "cancelled_at",
}


class ProgressBar(Protocol):
    """What a progress bar is asked to do (tqdm's subset)."""

    def update(self, n: int = 1, /) -> object: ...

    def close(self) -> None: ...


Progress = Callable[[str, int], ProgressBar]


def weighted_prefecture(rng: random.Random) -> int:
    codes = list(PREFECTURES)
    return rng.choices(codes, weights=[PREFECTURE_WEIGHTS.get(c, 1) for c in codes])[0]


def birth_date_for_age(rng: random.Random, today: datetime.date, age: int) -> datetime.date:
    """A birth date that makes the person exactly `age` today."""
    born = today.replace(year=today.year - age) if (today.month, today.day) != (2, 29) else today
    return born - datetime.timedelta(days=rng.randint(1, 364))


def worker_age(rng: random.Random) -> int:
    """Ages from 16 to 72, most in their 20s to 40s, so every age band has people."""
    band = rng.choices([10, 20, 30, 40, 50, 60], weights=[4, 24, 28, 22, 13, 9])[0]
    if band == 10:
        return rng.randint(16, 19)
    if band == 60:
        return rng.randint(60, 72)
    return rng.randint(band, band + 9)


def person_name(rng: random.Random, gender: Gender) -> tuple[str, str]:
    surname, s_romaji = rng.choice(texts.SURNAMES)
    pool = {
        Gender.MALE: texts.GIVEN_MALE,
        Gender.FEMALE: texts.GIVEN_FEMALE,
    }.get(gender, texts.GIVEN_NEUTRAL + texts.GIVEN_MALE[:4] + texts.GIVEN_FEMALE[:4])
    given, g_romaji = rng.choice(pool)
    return f"{surname} {given}", f"{g_romaji}.{s_romaji}"


def company_name(rng: random.Random) -> str:
    core = rng.choice(texts.COMPANY_STEMS) + rng.choice(texts.COMPANY_KINDS)
    return rng.choice(texts.COMPANY_FORMS).format(core)


def star_rating(rng: random.Random) -> int:
    return rng.choices([5, 4, 3, 2, 1], weights=[55, 30, 10, 4, 1])[0]


def satisfied_rating(rng: random.Random) -> int:
    """What workers give the demo client, who pays on time and answers promptly: 4 or 5."""
    return rng.choices([5, 4], weights=[70, 30])[0]


def axis_around(rng: random.Random, overall: int) -> int:
    return max(1, min(5, overall + rng.choice([-1, 0, 0, 0, 1])))


def average(values: list[int]) -> Decimal | None:
    """The same rounding as the review action: the mean to two places."""
    if not values:
        return None
    return Decimal(str(round(sum(values) / len(values), 2)))


@dataclass
class PlannedContract:
    state: str
    client: int  # index into users
    worker: int
    cancelled_from: str = ""
    disputed_from: str = ""
    review_by_client: bool = True
    review_by_worker: bool = True
    # The demo client's story is scripted: how many days ago the job was posted (drawn from
    # this range) and its fixed-price budget in yen, instead of the crowd's random ones.
    job_age: tuple[float, float] | None = None
    budget: tuple[int, int] | None = None


class DemoBuilder:
    """Plans and writes the demo marketplace for one seed."""

    def __init__(self, seed: int, progress: Progress, now: datetime.datetime | None = None):
        self.rng = random.Random(seed)
        # The worker-tier story draws from its own stream, so it leaves the rest of the plan
        # as the seed makes it.
        self.tier_rng = random.Random(f"tiers-{seed}")
        self.progress = progress
        self.now = now or timezone.now()
        self.today = timezone.localdate(self.now)
        self.password = make_password(DEMO_PASSWORD)
        self.counts: Counter[str] = Counter()

    # --- helpers -------------------------------------------------------------------------

    def ago(self, days: float) -> datetime.datetime:
        return self.now - datetime.timedelta(days=days)

    def bulk(self, model, rows: list, label: str) -> list:
        """bulk_create in batches under one progress bar; returns the rows with their ids."""
        bar = self.progress(label, len(rows))
        for start in range(0, len(rows), BATCH):
            chunk = rows[start : start + BATCH]
            model.objects.bulk_create(chunk)
            bar.update(len(chunk))
        bar.close()
        self.counts[model._meta.label] += len(rows)
        return rows

    # --- the build -----------------------------------------------------------------------

    @transaction.atomic
    def build(self) -> Counter[str]:
        self.subcategories = list(
            Category.objects.filter(parent__isnull=False).select_related("parent")
        )
        missing = {c.slug for c in self.subcategories} - set(texts.JOB_TEMPLATES)
        if missing:
            raise RuntimeError(f"no demo job templates for categories: {sorted(missing)}")
        self.mains = {c.parent_id: c.parent for c in self.subcategories}
        self.make_users()
        self.make_jobs()
        self.make_proposals_and_contracts()
        self.make_reviews()
        self.write_counters()
        self.make_threads()
        self.make_notifications()
        enrich_profiles(self)  # last: the rest of the demo is drawn as before
        return self.counts

    def make_users(self) -> None:
        rng = self.rng
        users: list[User] = []
        workers: list[WorkerProfile] = []
        clients: list[ClientProfile] = []
        used_emails: set[str] = set()

        def add(email, name, role, *, worker=None, client=None, joined_days=None, **extra):
            joined = self.ago(joined_days if joined_days is not None else rng.uniform(30, 900))
            user = User(
                email=email,
                display_name=name,
                password=self.password,
                active_role=role,
                date_joined=joined,
                last_active_at=self.ago(rng.uniform(0, 20)),
                **extra,
            )
            users.append(user)
            workers.append(worker or WorkerProfile())
            clients.append(client or ClientProfile())
            used_emails.add(email)
            return len(users) - 1

        def unique_email(local: str, domain: str) -> str:
            email, n = f"{local}@{domain}", 2
            while email in used_emails:
                email, n = f"{local}{n}@{domain}", n + 1
            return email

        # The fixed logins.
        self.staff = add(
            STAFF_EMAIL,
            "事務局 担当",
            Role.CLIENT,
            is_staff=True,
            is_superuser=True,
            identity_status=IdentityStatus.VERIFIED,
            joined_days=1000,
        )
        self.client = add(
            CLIENT_EMAIL,
            "山本 彩",
            Role.CLIENT,
            client=ClientProfile(
                kind=ClientKind.COMPANY,
                company_name="株式会社あおば企画",
                about="東京都内で飲食店と美容室を3店舗運営しています。"
                "Webサイトや販促物をお願いできるパートナーを探しています。",
            ),
            worker=WorkerProfile(prefecture=13, gender=Gender.FEMALE),
            identity_status=IdentityStatus.VERIFIED,
            joined_days=420,
        )
        self.worker = add(
            WORKER_EMAIL,
            "佐藤 陽菜",
            Role.WORKER,
            worker=WorkerProfile(
                headline="Web制作・ロゴデザインならお任せください",
                bio="制作会社でWebデザイナーとして6年勤務したのち独立しました。"
                "お店や教室のホームページ、ロゴ、バナーを中心に制作しています。"
                "ヒアリングを大切に、分かりやすい進め方を心がけています。",
                skills="HTML, CSS, WordPress, Figma, Illustrator, ロゴ",
                prefecture=14,
                gender=Gender.FEMALE,
                birth_date=birth_date_for_age(rng, self.today, 32),
                show_gender=True,
                show_age=True,
                accepts_scouts=True,
            ),
            identity_status=IdentityStatus.VERIFIED,
            joined_days=600,
        )
        self.client_indexes = [self.client]
        self.worker_indexes = [self.worker]

        bar = self.progress("Planning clients", CLIENT_COUNT - 1)
        for _ in range(CLIENT_COUNT - 1):
            gender = rng.choice([Gender.MALE, Gender.FEMALE])
            name, local = person_name(rng, gender)
            is_company = rng.random() < 0.55
            company = company_name(rng) if is_company else ""
            about_pool = texts.CLIENT_ABOUT_COMPANY if is_company else texts.CLIENT_ABOUT_INDIVIDUAL
            index = add(
                unique_email(local, "client.example.com"),
                name,
                Role.CLIENT,
                client=ClientProfile(
                    kind=ClientKind.COMPANY if is_company else ClientKind.INDIVIDUAL,
                    company_name=company,
                    about=rng.choice(about_pool).format(name=company or name),
                ),
                worker=WorkerProfile(prefecture=weighted_prefecture(rng), gender=gender),
                identity_status=(
                    IdentityStatus.VERIFIED if rng.random() < 0.6 else IdentityStatus.UNVERIFIED
                ),
            )
            self.client_indexes.append(index)
            bar.update(1)
        bar.close()

        mains = sorted({cast(Category, c.parent).slug for c in self.subcategories})
        self.worker_specialty: dict[int, str] = {self.worker: "web"}
        bar = self.progress("Planning workers", WORKER_COUNT - 1)
        for i in range(WORKER_COUNT - 1):
            gender = rng.choices(
                [Gender.MALE, Gender.FEMALE, Gender.OTHER, Gender.NO_ANSWER],
                weights=[45, 43, 3, 9],
            )[0]
            name, local = person_name(rng, gender)
            specialty = mains[i % len(mains)]
            headlines, bios, skills = texts.WORKER_SPECIALTIES[specialty]
            profile = WorkerProfile(
                headline=rng.choice(headlines),
                bio="".join(rng.sample(bios, k=rng.randint(2, len(bios)))),
                skills=", ".join(rng.sample(skills, k=rng.randint(2, 5))),
                # Every prefecture is somebody's home: the first 47 workers cover them all.
                prefecture=(i + 1) if i < len(PREFECTURES) else weighted_prefecture(rng),
                gender=gender,
                birth_date=(
                    birth_date_for_age(rng, self.today, worker_age(rng))
                    if rng.random() < 0.93
                    else None
                ),
                show_gender=rng.random() < 0.55,
                show_age=rng.random() < 0.5,
                accepts_scouts=rng.random() < 0.8,
            )
            index = add(
                unique_email(local, "worker.example.com"),
                name,
                Role.WORKER,
                worker=profile,
                identity_status=(
                    IdentityStatus.VERIFIED if rng.random() < 0.35 else IdentityStatus.UNVERIFIED
                ),
            )
            self.worker_indexes.append(index)
            self.worker_specialty[index] = specialty
            bar.update(1)
        bar.close()

        self.users = self.bulk(User, users, "Users")
        # The demo's secretariat login is an administrator (and a superuser, for the admin).
        self.users[self.staff].groups.add(Group.objects.get(name="administrator"))
        for user, wp, cp in zip(self.users, workers, clients, strict=True):
            wp.user = user
            cp.user = user
        self.worker_profiles = self.bulk(WorkerProfile, workers, "Worker profiles")
        self.client_profiles = self.bulk(ClientProfile, clients, "Client profiles")
        self.bulk(
            AccountEvent,
            [
                AccountEvent(
                    user=u, actor=u, event_type="account_created", created_at=u.date_joined
                )
                for u in self.users
            ],
            "Account events",
        )

    def make_jobs(self) -> None:
        """Plan the contracts first, then the jobs that carry them, then the jobs without one."""
        rng = self.rng
        C, W = ContractStatus, self.worker
        # The fixed logins' stories: the client has one contract in every state (four
        # completed), the worker has contracts in several states, and they work together on two
        # of them. The demo client is a model client who meets the default certification
        # criteria (docs/certification.md): the contract awaiting funding was accepted only days
        # ago (not late), the completed work is recent and worth at least ¥300,000 in all, and
        # every posting older than a week except one led to a hire.
        others = [c for c in self.client_indexes if c != self.client]
        workers = [w for w in self.worker_indexes if w != self.worker]
        planned = [
            PlannedContract(C.OFFERED, self.client, rng.choice(workers)),
            PlannedContract(C.ACCEPTED, self.client, rng.choice(workers), job_age=(2.0, 4.5)),
            PlannedContract(C.FUNDED, self.client, W),
            PlannedContract(C.DELIVERED, self.client, rng.choice(workers)),
            PlannedContract(
                C.COMPLETED, self.client, W, job_age=(25, 60), budget=(100_000, 200_000)
            ),
            PlannedContract(
                C.COMPLETED,
                self.client,
                rng.choice(workers),
                review_by_client=False,
                job_age=(40, 90),
                budget=(80_000, 160_000),
            ),
            PlannedContract(
                C.COMPLETED,
                self.client,
                rng.choice(workers),
                job_age=(70, 120),
                budget=(50_000, 100_000),
            ),
            PlannedContract(
                C.COMPLETED,
                self.client,
                rng.choice(workers),
                job_age=(100, 150),
                budget=(100_000, 300_000),
            ),
            PlannedContract(C.CANCELLED, self.client, rng.choice(workers), cancelled_from="funded"),
            PlannedContract(
                C.DISPUTED, self.client, rng.choice(workers), disputed_from="delivered"
            ),
            PlannedContract(C.OFFERED, rng.choice(others), W),
            PlannedContract(C.ACCEPTED, rng.choice(others), W),
            PlannedContract(C.DELIVERED, rng.choice(others), W),
            PlannedContract(C.COMPLETED, rng.choice(others), W),
            PlannedContract(C.COMPLETED, rng.choice(others), W),
            PlannedContract(C.COMPLETED, rng.choice(others), W, review_by_worker=False),
            PlannedContract(C.CANCELLED, rng.choice(others), W, cancelled_from="offered"),
        ]
        state: str | None
        for state in RANDOM_CONTRACT_STATES:
            contract = PlannedContract(state, rng.choice(others), rng.choice(workers))
            if state == C.CANCELLED:
                contract.cancelled_from = rng.choice(["offered", "accepted", "funded"])
            if state == C.DISPUTED:
                contract.disputed_from = rng.choice(["funded", "delivered"])
            if state == C.COMPLETED and rng.random() < 0.1:
                # A few reviews not written yet: the reviews page has something to ask for.
                contract.review_by_worker = False
            planned.append(contract)
        # The tier workers' track records (see TIER_WORKER_EXTRA_CONTRACTS).
        verified = [w for w in workers if self.users[w].identity_status == IdentityStatus.VERIFIED]
        self.tier_workers = verified[: len(TIER_WORKER_EXTRA_CONTRACTS)]
        for w, extra in zip(self.tier_workers, TIER_WORKER_EXTRA_CONTRACTS, strict=True):
            for _ in range(extra):
                planned.append(
                    PlannedContract(C.COMPLETED, self.tier_rng.choice(others), w, job_age=(30, 300))
                )
        # Whose deliveries, ratings and replies follow the tier story (the demo worker too),
        # and the demo worker's one late delivery (their first completed contract for another
        # client).
        self.punctual = {self.users[w].pk for w in [*self.tier_workers, W]}
        self.late_delivery = next(
            p
            for p in planned
            if p.worker == W and p.state == C.COMPLETED and p.client != self.client
        )
        self.planned = planned

        # Categories round-robin over a shuffled list: every subcategory gets jobs.
        categories = self.subcategories[:]
        rng.shuffle(categories)
        job_specs: list[dict] = []
        for contract in planned:
            job_specs.append({"client": contract.client, "contract": contract})
        # The demo client also has open postings with proposals to review: two fresh ones and
        # one a fortnight old that has not led to a hire (yet).
        for age in DEMO_CLIENT_OPEN_POSTING_AGES:
            job_specs.append({"client": self.client, "contract": None, "age": age})
        for _ in range(JOB_COUNT - len(job_specs)):
            job_specs.append({"client": rng.choice(others), "contract": None})
        for i, spec in enumerate(job_specs):
            spec["category"] = categories[i % len(categories)]
        # A contract's job lies in its worker's field, so what a worker completed agrees with
        # their headline, skills and the categories worker search finds them under.
        by_main: dict[str, list[Category]] = {}
        for category in self.subcategories:
            by_main.setdefault(cast(Category, category.parent).slug, []).append(category)
        for spec in job_specs:
            if spec["contract"] is not None:
                field = self.worker_specialty[spec["contract"].worker]
                spec["category"] = rng.choice(by_main[field])
        rng.shuffle(job_specs)

        jobs: list[Job] = []
        for spec in job_specs:
            contract = spec["contract"]
            category = spec["category"]
            state = contract.state if contract else None
            if "age" in spec:
                age = spec["age"]
            elif contract is not None and contract.job_age is not None:
                age = rng.uniform(*contract.job_age)
            elif state in (C.COMPLETED, C.CANCELLED) or (state is None and rng.random() < 0.12):
                age = rng.uniform(25, 300)
            elif state is None:
                age = rng.uniform(0.2, 18)
            else:
                age = rng.uniform(10, 40)
            created = self.ago(age)
            # Finished business is closed; postings still hiring stay open.
            closed = state in (C.COMPLETED, C.DISPUTED) or (
                state == C.CANCELLED and rng.random() < 0.5
            )
            if state is None and age > 20:
                closed = rng.random() < 0.7  # old postings were mostly closed by their client
            deadline = (
                (created + datetime.timedelta(days=rng.randint(14, 30))).date()
                if closed
                else self.today + datetime.timedelta(days=rng.randint(3, 30))
            )
            budget = contract.budget if contract else None
            job = self.compose_job(category, created, deadline, closed, budget)
            job.client = self.users[spec["client"]]
            spec["job"] = job
            jobs.append(job)
        self.job_specs = job_specs
        self.jobs = self.bulk(Job, jobs, "Jobs")
        events = []
        for job in self.jobs:
            events.append(
                JobEvent(job=job, actor=job.client, event_type="posted", created_at=job.created_at)
            )
            if job.status == JobStatus.CLOSED:
                events.append(
                    JobEvent(
                        job=job, actor=job.client, event_type="closed", created_at=job.closed_at
                    )
                )
        self.bulk(JobEvent, events, "Job events")

    def compose_job(self, category, created, deadline, closed, budget=None) -> Job:
        """A posting; `budget` (yen, low and high) makes it fixed-price with that budget."""
        rng = self.rng
        titles, detail, wanted = texts.JOB_TEMPLATES[category.slug]
        biz = rng.choice(texts.BUSINESSES)
        hourly = category.parent.slug in {"business", "tasks"} and rng.random() < 0.35
        if budget is not None:
            hourly = False
            low, high = budget
        elif hourly:
            low = rng.choice([1000, 1200, 1500, 2000])
            high = low + rng.choice([500, 1000, 1500])
        else:
            low = rng.choice([5, 10, 20, 30, 50, 80, 100, 150, 300]) * 1000
            high = low * rng.choice([1, 2, 2, 3])
        days = rng.choice([7, 10, 14, 21, 30, 45])
        description = (
            f"【依頼内容】\n{detail.format(biz=biz)}\n\n"
            f"【求めるスキル・経験】\n{wanted}\n\n"
            f"【納期】\n契約から{days}日以内を希望します。\n\n"
            f"【その他】\n{rng.choice(texts.JOB_CLOSINGS)}"
        )
        closed_at = created + datetime.timedelta(days=rng.uniform(5, 20)) if closed else None
        if closed_at and closed_at > self.now:
            closed_at = self.now - datetime.timedelta(hours=1)
        return Job(
            title=rng.choice(titles).format(biz=biz),
            category=category,
            main_category=category.parent,
            description=description,
            pay_type=PayType.HOURLY if hourly else PayType.FIXED,
            budget_min=low,
            budget_max=high,
            deadline=deadline,
            hires_wanted=rng.choice([1, 1, 1, 1, 2, 3]),
            status=JobStatus.CLOSED if closed else JobStatus.OPEN,
            created_at=created,
            updated_at=created,
            closed_at=closed_at,
        )

    def proposal_message(self, worker: User) -> str:
        rng = self.rng
        return "\n".join(
            [
                rng.choice(texts.PROPOSAL_OPENINGS).format(name=worker.display_name),
                rng.choice(texts.PROPOSAL_BODIES).format(n=rng.randint(3, 40)),
                rng.choice(texts.PROPOSAL_CLOSINGS),
            ]
        )

    def make_proposals_and_contracts(self) -> None:
        rng = self.rng
        proposals: list[Proposal] = []
        contract_rows: list[tuple[Proposal, PlannedContract, Job]] = []
        workers = [w for w in self.worker_indexes if w != self.worker]
        for spec in self.job_specs:
            job: Job = spec["job"]
            planned: PlannedContract | None = spec["contract"]
            chosen: list[int] = []
            if planned is not None:
                chosen.append(planned.worker)
            extra = rng.randint(0, 5) if job.client_id != self.users[self.client].pk else 4
            # The demo worker has proposals waiting on other clients' open postings.
            if (
                planned is None
                and job.status == JobStatus.OPEN
                and job.client_id != self.users[self.client].pk
                and rng.random() < 0.08
            ):
                chosen.append(self.worker)
            # Other proposals come mostly from workers of the job's field.
            field = cast(Category, job.category.parent).slug
            same_field = [w for w in workers if self.worker_specialty[w] == field]
            pool = same_field if len(same_field) >= extra else workers
            for w in rng.sample(pool, k=extra):
                if w not in chosen:
                    chosen.append(w)
            window = max(0.05, min(5.0, (self.now - job.created_at).total_seconds() / 86400 * 0.5))
            for w in chosen:
                worker = self.users[w]
                created = job.created_at + datetime.timedelta(days=rng.uniform(0.02, window))
                low, high = job.budget_min, job.budget_max
                step = 100 if job.pay_type == PayType.HOURLY else 1000
                price = rng.randint(low // step, high // step) * step
                if planned is not None and w == planned.worker:
                    status = ProposalStatus.HIRED
                elif planned is not None or job.status == JobStatus.CLOSED:
                    status = rng.choice([ProposalStatus.DECLINED] * 4 + [ProposalStatus.WITHDRAWN])
                else:
                    status = rng.choices(
                        [
                            ProposalStatus.SUBMITTED,
                            ProposalStatus.SHORTLISTED,
                            ProposalStatus.DECLINED,
                            ProposalStatus.WITHDRAWN,
                        ],
                        weights=[60, 20, 12, 8],
                    )[0]
                proposal = Proposal(
                    job=job,
                    worker=worker,
                    price=max(price, step),
                    message=self.proposal_message(worker),
                    delivery_days=rng.choice([3, 5, 7, 10, 14, 20, 30]),
                    status=status,
                    created_at=created,
                    updated_at=created,
                )
                proposals.append(proposal)
                if status == ProposalStatus.HIRED and worker.pk in self.punctual:
                    late = planned is self.late_delivery
                    proposal.delivery_days = 1 if late else TIER_DELIVERY_DAYS
                if status == ProposalStatus.HIRED:  # planned is set: only its worker is hired
                    contract_rows.append((proposal, cast(PlannedContract, planned), job))
            job.proposal_count = len(chosen)
        self.proposals = self.bulk(Proposal, proposals, "Proposals")

        contracts, events = [], []
        for proposal, planned, job in contract_rows:
            contract, steps = self.compose_contract(proposal, planned, job)
            contracts.append(contract)
            events.append(steps)
        self.contracts = self.bulk(Contract, contracts, "Contracts")
        milestones = self.bulk(
            Milestone,
            [
                self.milestone_for(contract, steps)
                for contract, steps in zip(self.contracts, events, strict=True)
            ],
            "Milestones",
        )
        event_rows: list[ContractEvent] = []
        for contract, milestone, steps in zip(self.contracts, milestones, events, strict=True):
            for from_status, to_status, actor, note, at, action in steps:
                event_rows.append(
                    ContractEvent(
                        contract=contract,
                        milestone=None if action == "offer" else milestone,
                        actor=actor,
                        action=action,
                        from_status=from_status,
                        to_status=to_status,
                        note=note,
                        created_at=at,
                    )
                )
        self.bulk(ContractEvent, event_rows, "Contract events")
        gateway = SandboxGateway()
        ledger: list[LedgerEntry] = []
        for contract, milestone in zip(self.contracts, milestones, strict=True):
            ledger.extend(self.ledger_for(contract, milestone, gateway))
        self.bulk(LedgerEntry, ledger, "Ledger entries")
        money_ledger.rebuild_balances()
        self.make_disputes_and_cancellations(milestones, events)
        self.planned_by_contract = {
            c.pk: p for c, (_, p, _) in zip(self.contracts, contract_rows, strict=True)
        }
        # Proposal counts were decided while planning; jobs were written before them.
        Job.objects.bulk_update(self.jobs, ["proposal_count"], batch_size=BATCH)

    def compose_contract(self, proposal: Proposal, planned: PlannedContract, job: Job):
        """The contract row and its event trail, timestamps in order and all in the past."""
        rng = self.rng
        client, worker = job.client, proposal.worker
        if planned.state == ContractStatus.CANCELLED and planned.cancelled_from == "funded":
            # After funding, a contract is only cancelled by consent: one proposes a full
            # refund, the other agrees.
            proposer, answerer = rng.choice([("client", "worker"), ("worker", "client")])
            path = PATHS["funded"][:]
            path.append(("funded", "funded", proposer, "propose_cancellation"))
            path.append(("funded", "cancelled", answerer, "accept_cancellation"))
        elif planned.state == ContractStatus.CANCELLED:
            path = PATHS[planned.cancelled_from][:]
            path.append(
                (planned.cancelled_from, "cancelled", rng.choice(["client", "worker"]), "cancel")
            )
        elif planned.state == ContractStatus.DISPUTED:
            path = PATHS[planned.disputed_from][:]
            path.append(
                (planned.disputed_from, "disputed", rng.choice(["client", "worker"]), "dispute")
            )
        else:
            path = PATHS[planned.state][:]
        start = proposal.created_at + datetime.timedelta(hours=rng.uniform(2, 48))
        gaps = [rng.uniform(2, 48) for _ in path]
        for i, step in enumerate(path):
            if step[1] == "delivered":  # the work itself takes days, the clicks take hours
                gaps[i] = rng.uniform(48, 24 * 10)
        # Squeeze the story into the time between the proposal and a little before now.
        room = (self.now - start).total_seconds() / 3600 - 1
        total = sum(gaps) or 1
        if start >= self.now - datetime.timedelta(hours=2):
            start = self.now - datetime.timedelta(hours=2)
            room = 1
        if total > room:
            gaps = [g * room / total for g in gaps]
        contract = Contract(
            job=job,
            proposal=proposal,
            client=client,
            worker=worker,
            title=job.title,
            category=job.category,
            amount=proposal.price,
            status=planned.state,
            created_at=start,
        )
        steps = [("", ContractStatus.OFFERED.value, client, "", start, "offer")]
        at = start
        for (from_status, to_status, who, action), gap in zip(path, gaps, strict=True):
            at = at + datetime.timedelta(hours=gap)
            note = ""
            if action == "deliver":
                note = rng.choice(texts.DELIVERY_NOTES)
            elif action in ("cancel", "propose_cancellation"):
                note = rng.choice(texts.CANCEL_NOTES)
            elif action == "dispute":
                note = rng.choice(texts.DISPUTE_NOTES)
            stamp = STAMPS.get(to_status) if to_status != from_status else None
            if stamp:
                setattr(contract, stamp, at)
            steps.append(
                (from_status, to_status, client if who == "client" else worker, note, at, action)
            )
        return contract, steps

    def milestone_for(self, contract: Contract, steps: list) -> Milestone:
        """The contract's one milestone, in the state its story left it (as the data migration
        makes each older contract one milestone)."""
        status = contract.status
        delivered = next((s for s in reversed(steps) if s[5] == "deliver"), None)
        if status in (ContractStatus.OFFERED, ContractStatus.ACCEPTED):
            m_status = MilestoneStatus.PENDING
        elif status == ContractStatus.COMPLETED:
            m_status = MilestoneStatus.RELEASED
        elif status == ContractStatus.CANCELLED:
            m_status = MilestoneStatus.REFUNDED if contract.funded_at else MilestoneStatus.CANCELLED
        elif contract.delivered_at:
            m_status = MilestoneStatus.DELIVERED
        else:
            m_status = MilestoneStatus.FUNDED
        acceptance_due = None
        if status == ContractStatus.DELIVERED and contract.delivered_at:
            acceptance_due = max(
                contract.delivered_at + settings.ACCEPTANCE_PERIOD, self.now + ACCEPTANCE_NOTICE
            )
        closed = contract.completed_at or (
            contract.cancelled_at if status == ContractStatus.CANCELLED else None
        )
        return Milestone(
            contract=contract,
            position=1,
            title=contract.title,
            amount=contract.amount,
            due_date=(contract.accepted_at or contract.created_at).date()
            + datetime.timedelta(days=contract.proposal.delivery_days),
            status=m_status,
            funded_at=contract.funded_at,
            delivered_at=contract.delivered_at,
            delivery_note=delivered[3] if delivered else "",
            acceptance_due_at=acceptance_due,
            closed_at=closed,
            released=contract.amount if m_status == MilestoneStatus.RELEASED else 0,
            refunded=contract.amount if m_status == MilestoneStatus.REFUNDED else 0,
        )

    def ledger_for(
        self, contract: Contract, milestone: Milestone, gateway: SandboxGateway
    ) -> list[LedgerEntry]:
        """Deposit once funded; release (less the fee) on completion; refund on a cancel by
        consent — the same balanced movements the actions post."""
        rows: list[LedgerEntry] = []
        if contract.funded_at is None:
            return rows
        key = money_ledger.movement_key(milestone, "deposit")
        rows += money_ledger.entries(
            key,
            money_ledger.deposit_postings(client_id=contract.client_id, cash=contract.amount),
            contract=contract,
            milestone=milestone,
            reference=gateway.deposit(
                idempotency_key=key, contract_id=contract.pk, amount=contract.amount
            ),
            at=contract.funded_at,
        )
        if contract.status == ContractStatus.COMPLETED:
            fee = platform_fee(contract.amount)
            key = money_ledger.movement_key(milestone, "release")
            rows += money_ledger.entries(
                key,
                money_ledger.release_postings(
                    worker_id=contract.worker_id, cash=contract.amount, fee=fee
                ),
                contract=contract,
                milestone=milestone,
                reference=gateway.release(
                    idempotency_key=key,
                    contract_id=contract.pk,
                    amount=contract.amount - fee,
                    fee=fee,
                ),
                at=cast(datetime.datetime, contract.completed_at),
            )
        elif contract.status == ContractStatus.CANCELLED:
            key = money_ledger.movement_key(milestone, "refund")
            rows += money_ledger.entries(
                key,
                money_ledger.refund_postings(client_id=contract.client_id, cash=contract.amount),
                contract=contract,
                milestone=milestone,
                reference=gateway.refund(
                    idempotency_key=key, contract_id=contract.pk, amount=contract.amount
                ),
                at=cast(datetime.datetime, contract.cancelled_at),
            )
        return rows

    def make_disputes_and_cancellations(self, milestones: list[Milestone], events: list) -> None:
        """An open dispute (with the reporter's statement) for each disputed contract, and the
        agreed request behind each cancellation by consent."""
        disputes, requests, statements = [], [], []
        for contract, milestone, steps in zip(self.contracts, milestones, events, strict=True):
            by_action = {step[5]: step for step in steps}
            if contract.status == ContractStatus.DISPUTED:
                _from, _to, actor, note, at, _action = by_action["dispute"]
                dispute = Dispute(
                    contract=contract,
                    milestone=milestone,
                    reason=DisputeReason.REPORTED,
                    opened_by=actor,
                    created_at=at,
                )
                disputes.append(dispute)
                statements.append((dispute, actor, note, at))
            elif "accept_cancellation" in by_action:
                _from, _to, proposer, reason, proposed_at, _a = by_action["propose_cancellation"]
                _from, _to, answerer, _note, answered_at, _a = by_action["accept_cancellation"]
                requests.append(
                    CancellationRequest(
                        contract=contract,
                        milestone=milestone,
                        proposed_by=proposer,
                        refund=contract.amount,
                        reason=reason,
                        status=CancellationStatus.ACCEPTED,
                        created_at=proposed_at,
                        answer_due_at=proposed_at + settings.CANCELLATION_ANSWER_PERIOD,
                        answered_at=answered_at,
                        answered_by=answerer,
                    )
                )
        self.bulk(Dispute, disputes, "Disputes")
        self.bulk(CancellationRequest, requests, "Cancellation requests")
        self.bulk(
            DisputeStatement,
            [
                DisputeStatement(
                    dispute=dispute,
                    author=actor,
                    side="client" if actor.pk == dispute.contract.client_id else "worker",
                    text=note,
                    created_at=at,
                )
                for dispute, actor, note, at in statements
            ],
            "Dispute statements",
        )

    def make_reviews(self) -> None:
        rng = self.rng
        demo_client = self.users[self.client].pk
        reviews = []
        tier_reviews: Counter[int] = Counter()
        for contract in self.contracts:
            if contract.status != ContractStatus.COMPLETED:
                continue
            planned = self.planned_by_contract[contract.pk]
            room = max(60.0, (self.now - contract.completed_at).total_seconds() - 60)
            sides = []
            if planned.review_by_client:
                sides.append((contract.client, contract.worker, Direction.CLIENT_TO_WORKER))
            if planned.review_by_worker:
                sides.append((contract.worker, contract.client, Direction.WORKER_TO_CLIENT))
            for reviewer, reviewee, direction in sides:
                overall = satisfied_rating(rng) if reviewee.pk == demo_client else star_rating(rng)
                if direction == Direction.CLIENT_TO_WORKER and reviewee.pk in self.punctual:
                    # The tier story: 5 stars, one review in five 4 (an average of 4.8 or more).
                    overall = 4 if tier_reviews[reviewee.pk] % 5 == 4 else 5
                    tier_reviews[reviewee.pk] += 1
                pool = (
                    texts.REVIEW_COMMENTS_FOR_WORKER
                    if direction == Direction.CLIENT_TO_WORKER
                    else texts.REVIEW_COMMENTS_FOR_CLIENT
                )
                reviews.append(
                    Review(
                        contract=contract,
                        reviewer=reviewer,
                        reviewee=reviewee,
                        direction=direction,
                        overall=overall,
                        quality=axis_around(rng, overall),
                        communication=axis_around(rng, overall),
                        timeliness=axis_around(rng, overall),
                        comment=rng.choice(pool[overall]) if rng.random() < 0.9 else "",
                        created_at=contract.completed_at
                        + datetime.timedelta(seconds=rng.uniform(30, min(room, 3 * 86400))),
                    )
                )
        self.reviews = self.bulk(Review, reviews, "Reviews")

    def write_counters(self) -> None:
        """Every denormalized counter, computed from the rows just planned."""
        completed = [c for c in self.contracts if c.status == ContractStatus.COMPLETED]
        completed_by_worker = Counter(c.worker_id for c in completed)
        orders_by_client = Counter(c.client_id for c in completed)
        ratings: dict[int, list[int]] = defaultdict(list)
        satisfaction: dict[int, list[int]] = defaultdict(list)
        for review in self.reviews:
            target = ratings if review.direction == Direction.CLIENT_TO_WORKER else satisfaction
            target[review.reviewee_id].append(review.overall)
        for wp in self.worker_profiles:
            wp.completed_count = completed_by_worker[wp.user_id]
            wp.rating_avg = average(ratings[wp.user_id])
            wp.rating_count = len(ratings[wp.user_id])
        for cp in self.client_profiles:
            cp.orders_count = orders_by_client[cp.user_id]
            cp.satisfaction_avg = average(satisfaction[cp.user_id])
            cp.satisfaction_count = len(satisfaction[cp.user_id])
        WorkerProfile.objects.bulk_update(
            self.worker_profiles, ["completed_count", "rating_avg", "rating_count"], BATCH
        )
        ClientProfile.objects.bulk_update(
            self.client_profiles,
            ["orders_count", "satisfaction_avg", "satisfaction_count"],
            BATCH,
        )
        self.bulk(WorkerCategoryStat, category_stats(completed), "Worker category stats")

    def make_threads(self) -> None:
        """One thread per proposal, with as much conversation as the pair's story has reached."""
        rng = self.rng
        contract_by_proposal = {c.proposal_id: c for c in self.contracts}
        demo_client = self.users[self.client].pk
        demo_users = {demo_client, self.users[self.worker].pk}
        threads, conversations = [], []
        for proposal in self.proposals:
            job = proposal.job
            contract = contract_by_proposal.get(proposal.pk)
            if contract is None and job.client_id == demo_client:
                # The demo client answers a worker's reply to their questions.
                turns = rng.choice([1, 1, 3, 3])
            elif contract is None:
                turns = rng.choice([1, 1, 2, 3])
            else:
                reached = {
                    ContractStatus.OFFERED: 5,
                    ContractStatus.ACCEPTED: 6,
                    ContractStatus.FUNDED: 7,
                    ContractStatus.DELIVERED: 9,
                    ContractStatus.COMPLETED: 10,
                    ContractStatus.CANCELLED: 4,
                    ContractStatus.DISPUTED: 8,
                }[contract.status]
                turns = rng.randint(max(2, reached - 2), reached)
            punctual = proposal.worker_id in self.punctual
            if punctual and texts.THREAD_TURNS[turns - 1][0] == "client":
                # A tier worker answers the client's last message too.
                turns = turns + 1 if turns < len(texts.THREAD_TURNS) else turns - 1
            end = contract_last_moment(contract) if contract else self.now
            start = proposal.created_at
            span = max(60.0, (end - start).total_seconds())
            prompt = {"client"} if job.client_id == demo_client else set()
            if punctual:
                prompt.add("worker")
            if prompt:
                speakers = [speaker for speaker, _ in texts.THREAD_TURNS[:turns]]
                moments = prompt_moments(rng, start, span, speakers, prompt=prompt)
            else:
                moments = sorted(
                    start + datetime.timedelta(seconds=rng.uniform(30, span)) for _ in range(turns)
                )
            moments = [min(m, self.now - datetime.timedelta(seconds=30)) for m in moments]
            messages = []
            for (speaker, body), at in zip(texts.THREAD_TURNS[:turns], moments, strict=True):
                sender = job.client if speaker == "client" else proposal.worker
                messages.append(Message(sender=sender, body=body, created_at=at))
            last = messages[-1].created_at
            # Most threads are read up to date; the demo logins have a few unread ones.
            unread = 0.3 if demo_users & {job.client_id, proposal.worker_id} else 0.1
            thread = Thread(
                job=job,
                client=job.client,
                worker=proposal.worker,
                created_at=proposal.created_at,
                last_message_at=last,
                client_last_read_at=None if rng.random() < unread else last,
                worker_last_read_at=None if rng.random() < unread else last,
            )
            threads.append(thread)
            conversations.append(messages)
        self.threads = self.bulk(Thread, threads, "Threads")
        rows = []
        for thread, messages in zip(self.threads, conversations, strict=True):
            for message in messages:
                message.thread = thread
                rows.append(message)
        self.bulk(Message, rows, "Messages")

    def make_notifications(self) -> None:
        """A few notifications for the demo logins, matching their real proposals and contracts."""
        rng = self.rng
        client, worker = self.users[self.client], self.users[self.worker]
        rows = []

        def note(user, kind, title, url, at, body=""):
            read = rng.random() < 0.5
            rows.append(
                Notification(
                    user=user,
                    kind=kind,
                    title=title,
                    body=body,
                    url=url,
                    created_at=at,
                    read_at=at + datetime.timedelta(hours=1) if read else None,
                )
            )

        for proposal in self.proposals:
            if proposal.job.client_id == client.pk and proposal.status in (
                ProposalStatus.SUBMITTED,
                ProposalStatus.SHORTLISTED,
            ):
                note(
                    client,
                    "proposal_received",
                    f"「{proposal.job.title}」に新しい提案が届きました",
                    reverse("contracts:proposal_detail", args=[proposal.pk]),
                    proposal.created_at,
                    f"{proposal.worker.display_name}さんから¥{proposal.price:,}の提案が届きました。",
                )
        for contract in self.contracts:
            url = reverse("contracts:detail", args=[contract.pk])
            if contract.worker_id == worker.pk and contract.status == ContractStatus.OFFERED:
                note(
                    worker,
                    "contract_offered",
                    f"「{contract.title}」の契約オファーが届きました",
                    url,
                    contract.created_at,
                )
            if contract.worker_id == worker.pk and contract.funded_at:
                note(
                    worker,
                    "contract_funded",
                    f"「{contract.title}」の仮払いが完了しました",
                    url,
                    contract.funded_at,
                )
            if contract.client_id == client.pk and contract.delivered_at:
                note(
                    client,
                    "contract_delivered",
                    f"{contract.worker.display_name}さんが「{contract.title}」を納品しました",
                    url,
                    contract.delivered_at,
                )
        for review in self.reviews:
            if review.reviewee_id in (client.pk, worker.pk):
                note(
                    review.reviewee,
                    "review_received",
                    f"{review.reviewer.display_name}さんから「{review.contract.title}」の"
                    "評価が届きました",
                    reverse("contracts:detail", args=[review.contract_id]),
                    review.created_at,
                    "総合評価：" + "★" * review.overall + "☆" * (5 - review.overall),
                )
        rows.sort(key=lambda n: n.created_at)
        self.bulk(Notification, rows, "Notifications")


# The demo client answers within this long (at most) of a proposal or a worker's message.
PROMPT_REPLY_HOURS = (0.5, 20.0)


def prompt_moments(
    rng: random.Random,
    start: datetime.datetime,
    span: float,
    speakers: list[str],
    prompt: set[str] | None = None,
) -> list[datetime.datetime]:
    """Message times for a thread with the demo client, who answers promptly (or with whoever
    `prompt` names: a tier worker answers promptly too).

    Their first message comes within PROMPT_REPLY_HOURS of the proposal and each reply within
    PROMPT_REPLY_HOURS of the worker's message before it (a worker's run of two messages is
    answered within twice that), well inside the certification's 72-hour response window; only
    the worker's own pace (the gaps before a worker's message) stretches the conversation over
    the `span` seconds from `start`. A thread ending on the worker's message is left unanswered.
    """
    gaps: list[float] = []
    free: list[int] = []  # the gaps before a worker's message that follows the client's
    previous = ""
    prompt = {"client"} if prompt is None else prompt
    for speaker in speakers:
        if speaker not in prompt and previous != speaker:
            free.append(len(gaps))
            gaps.append(rng.uniform(1, 3))  # a weight for now
        else:
            gaps.append(rng.uniform(*PROMPT_REPLY_HOURS) * 3600)
        previous = speaker
    quick = sum(g for i, g in enumerate(gaps) if i not in free)
    room = max(0.0, span - quick) * rng.uniform(0.5, 0.95)
    weights = sum(gaps[i] for i in free) or 1
    for i in free:
        gaps[i] = max(60.0, room * gaps[i] / weights)
    total = sum(gaps)
    if total > span:  # a short story: squeeze every gap alike, so replies stay prompt
        gaps = [g * span / total for g in gaps]
    moments, at = [], start
    for gap in gaps:
        at = at + datetime.timedelta(seconds=gap)
        moments.append(at)
    return moments


def contract_last_moment(contract: Contract) -> datetime.datetime:
    stamps = [
        contract.created_at,
        contract.accepted_at,
        contract.funded_at,
        contract.delivered_at,
        contract.completed_at,
        contract.cancelled_at,
    ]
    return max(s for s in stamps if s is not None)


def category_stats(completed) -> list[WorkerCategoryStat]:
    """WorkerCategoryStat rows for completed contracts: the subcategory and its main category.

    `completed` holds contracts (or anything with worker_id and category_id); the parent of
    each category is read once from the database.
    """
    parents = dict(Category.objects.values_list("id", "parent_id"))
    counts: Counter[tuple[int, int]] = Counter()
    for contract in completed:
        counts[(contract.worker_id, contract.category_id)] += 1
        parent = parents.get(contract.category_id)
        if parent is not None:
            counts[(contract.worker_id, parent)] += 1
    return [
        WorkerCategoryStat(worker_id=w, category_id=c, completed_count=n)
        for (w, c), n in sorted(counts.items())
    ]
