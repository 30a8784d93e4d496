"""Benchmark: the job search selector's first page over a large, realistic set of postings.

A standalone script. It configures Django itself (`yorozu.settings`, with `YOROZU_VAR_DIR` pointed
at a temporary directory so `var/` is never touched), builds a throwaway database — a SQLite file
in that directory, or a fresh test database on the server `DATABASE_URL` names — migrates it,
bulk-generates `--jobs` postings across every category, then times `search_jobs` for a set of
filter and sort combinations.

Each timing is what the search page pays for its results: the paginator's count plus the first
20 rows, evaluated to a list and with every related object a job card reads touched. Machines are
noisy, so besides p50/p95 it prints the ratio to a floor measured in the same run: the same
number of rows fetched by a bare `Job.objects.filter(status="open").order_by("-created_at")[:20]`.

Exit status 1 when a combination needs more than 10 queries for its page (the budget the search
page is held to), 0 otherwise.

    .venv/bin/python bench/bench_job_search.py              # 50,000 jobs, 30 runs each
    .venv/bin/python bench/bench_job_search.py --jobs 5000 --runs 10
    DATABASE_URL=postgres://localhost/yorozu .venv/bin/python bench/bench_job_search.py
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_QUERIES = 10
BATCH = 2000

TITLE_WORDS = {
    "system": ["在庫管理システムの開発", "予約管理Webアプリ", "社内ツールの改修", "API連携の実装"],
    "web": ["コーポレートサイト制作", "ホームページのリニューアル", "LP制作", "ECサイト構築"],
    "design": ["ロゴ作成", "バナーデザイン", "名刺のデザイン", "キャラクターのイラスト"],
    "writing": ["SEO記事の執筆", "商品紹介文の作成", "ブログ記事のリライト", "取材記事の作成"],
    "tasks": ["データ入力", "リスト作成", "アンケート回答", "画像の仕分け"],
    "multimedia": ["YouTube動画の編集", "商品写真の撮影", "ナレーション収録", "BGM制作"],
    "business": ["オンライン秘書", "経理の記帳代行", "SNS運用代行", "問い合わせ対応"],
    "translation": ["英語マニュアルの翻訳", "中国語の翻訳", "Webサイトの多言語化", "契約書の翻訳"],
}
PREFIXES = ["", "", "", "【急募】", "【継続依頼あり】", "【初心者歓迎】"]
DESCRIPTION_PARTS = [
    "詳細はメッセージでご相談させてください。",
    "納期は相談に応じます。",
    "過去の実績がわかるものを添えてご提案ください。",
    "継続してお願いできる方を探しています。",
    "ロゴやデザインの素材はこちらで用意します。",
    "丁寧なコミュニケーションができる方を希望します。",
    "完成後の修正は2回まで対応をお願いします。",
    "サイトの構成案から一緒に考えていただけると助かります。",
]


def configure(var_dir: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "yorozu.settings"
    os.environ["YOROZU_VAR_DIR"] = var_dir
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def prepare_database() -> Callable[[], None]:
    """Migrate a throwaway database; return how to clean it up."""
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "sqlite":
        # The default SQLite file lives in the temporary YOROZU_VAR_DIR; it goes with it.
        call_command("migrate", verbosity=0, interactive=False)
        return lambda: None
    # Any other DATABASE_URL: never write into the named database, use a fresh test_<name>.
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    return lambda: connection.creation.destroy_test_db(old_name, verbosity=0)


def generate(n_jobs: int, seed: int) -> None:
    """Bulk-insert clients and `n_jobs` postings spread over every subcategory and a year."""
    from django.db import connection, transaction
    from django.utils import timezone

    from yorozu.accounts.models import ClientKind, ClientProfile, Role, User
    from yorozu.catalog.models import Category
    from yorozu.jobs.models import Job, JobStatus, PayType

    rng = random.Random(seed)
    now = timezone.now()
    today = timezone.localdate()
    subs = list(Category.objects.filter(parent__isnull=False).select_related("parent"))
    n_clients = max(10, n_jobs // 150)
    with transaction.atomic():
        users = User.objects.bulk_create(
            [
                User(
                    email=f"bench-client-{i}@bench.invalid",
                    display_name=f"発注者{i}",
                    password="!",
                    active_role=Role.CLIENT,
                )
                for i in range(n_clients)
            ],
            batch_size=BATCH,
        )
        if users[0].pk is None:  # backends that do not return ids from bulk_create
            users = list(User.objects.filter(email__endswith="@bench.invalid").order_by("pk"))
        ClientProfile.objects.bulk_create(
            [
                ClientProfile(
                    user=u,
                    kind=ClientKind.COMPANY if i % 3 == 0 else ClientKind.INDIVIDUAL,
                    company_name=f"株式会社ベンチ{i}" if i % 3 == 0 else "",
                    orders_count=rng.randint(0, 200),
                )
                for i, u in enumerate(users)
            ],
            batch_size=BATCH,
        )
        batch: list[Job] = []
        for _ in range(n_jobs):
            sub = rng.choice(subs)
            hourly = rng.random() < 0.2
            if hourly:
                low = rng.randrange(900, 4000, 100)
                high = low + rng.randrange(0, 3000, 100)
            else:
                low = rng.randrange(3000, 800_000, 1000)
                high = int(low * rng.choice([1, 1.2, 1.5, 2, 3]))
            created = now - datetime.timedelta(seconds=rng.randrange(0, 365 * 86400))
            batch.append(
                Job(
                    client=users[rng.randrange(len(users))],
                    title=rng.choice(PREFIXES) + rng.choice(TITLE_WORDS[sub.parent.slug]),
                    category=sub,
                    main_category=sub.parent,
                    description=" ".join(rng.sample(DESCRIPTION_PARTS, 3)),
                    pay_type=PayType.HOURLY if hourly else PayType.FIXED,
                    budget_min=low,
                    budget_max=high,
                    deadline=today + datetime.timedelta(days=rng.randint(-15, 60)),
                    hires_wanted=rng.choice([1, 1, 1, 2, 3, 5]),
                    status=JobStatus.CLOSED if rng.random() < 0.15 else JobStatus.OPEN,
                    proposal_count=rng.randint(0, 40),
                    created_at=created,
                    updated_at=created,
                )
            )
            if len(batch) == BATCH:
                Job.objects.bulk_create(batch)
                batch = []
        Job.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def combinations() -> list[tuple[str, object]]:
    from yorozu.catalog.models import Category
    from yorozu.jobs.models import PayType
    from yorozu.jobs.selectors import JobSearchParams, SearchSort

    web = Category.objects.get(slug="web")
    logo = Category.objects.get(slug="design-logo")
    return [
        ("newest (default)", JobSearchParams()),
        ("keyword ロゴ", JobSearchParams(keyword="ロゴ")),
        ("keyword 急募 サイト", JobSearchParams(keyword="急募　サイト")),
        ("main category web", JobSearchParams(category=web)),
        ("subcategory design-logo", JobSearchParams(category=logo)),
        ("budget 50k-200k", JobSearchParams(budget_min=50_000, budget_max=200_000)),
        ("hourly", JobSearchParams(pay_type=PayType.HOURLY)),
        ("sort budget", JobSearchParams(sort=SearchSort.BUDGET)),
        ("sort deadline", JobSearchParams(sort=SearchSort.DEADLINE)),
        (
            "web + budget + sort budget",
            JobSearchParams(category=web, budget_min=100_000, sort=SearchSort.BUDGET),
        ),
        (
            "keyword + sub + deadline",
            JobSearchParams(keyword="ロゴ", category=logo, sort=SearchSort.DEADLINE),
        ),
        ("include closed", JobSearchParams(include_closed=True)),
    ]


def first_page(params: object) -> int:
    """What the search page does for its results: count, fetch 20, read every card field."""
    from django.core.paginator import Paginator

    from yorozu.jobs.selectors import PAGE_SIZE, search_jobs

    page = Paginator(search_jobs(params), PAGE_SIZE).page(1)
    jobs = list(page.object_list)
    for job in jobs:
        _ = (job.category.name, job.main_category.name, job.client.client_profile.public_name)
    return len(jobs)


def floor_page() -> int:
    from yorozu.jobs.models import Job

    return len(list(Job.objects.filter(status="open").order_by("-created_at")[:20]))


def pad(text: str, width: int) -> str:
    """Left-justify by display width: a Japanese character takes two columns."""
    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - used)


def timed(fn: Callable[[], object], runs: int, warmup: int = 3) -> list[float]:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=50_000, help="postings to generate")
    parser.add_argument("--runs", type=int, default=30, help="timed runs per combination")
    parser.add_argument("--seed", type=int, default=20240601)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="yorozu-bench-") as var_dir:
        configure(var_dir)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        cleanup = prepare_database()
        try:
            started = time.perf_counter()
            generate(args.jobs, args.seed)
            print(
                f"{connection.vendor}: generated {args.jobs:,} jobs in "
                f"{time.perf_counter() - started:.1f}s; {args.runs} runs per combination"
            )
            floor = statistics.median(timed(floor_page, args.runs))
            print(f"floor (bare 20 open jobs, newest): p50 {floor:.2f} ms\n")
            header = f"{'combination':<30} {'rows':>4} {'p50 ms':>8} {'p95 ms':>8} {'queries':>7}"
            print(f"{header} {'x floor':>8}")
            over_budget = []
            for name, params in combinations():
                with CaptureQueriesContext(connection) as queries:
                    rows = first_page(params)
                samples = timed(lambda p=params: first_page(p), args.runs)
                p50 = statistics.median(samples)
                n_queries = len(queries.captured_queries)
                if n_queries > MAX_QUERIES:
                    over_budget.append(name)
                print(
                    f"{pad(name, 30)} {rows:>4} {p50:>8.2f} {p95(samples):>8.2f} {n_queries:>7} "
                    f"{p50 / floor:>8.1f}"
                )
        finally:
            cleanup()
            connection.close()
    if over_budget:
        print(f"\nFAIL: more than {MAX_QUERIES} queries for: {', '.join(over_budget)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
