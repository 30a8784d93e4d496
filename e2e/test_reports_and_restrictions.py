"""Reports, restrictions and appeals through the browser, as four people.

A worker reports a job; a member of the secretariat upholds the report and suspends the client;
the client reads the statement of reasons and appeals; a second member of the secretariat (not
the one who decided) upholds the appeal, which lifts the restriction; the worker is told their
report was upheld, without being told what was done.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parent.parent
WORKER = "worker@example.com"
STAFF = "staff@example.com"
PASSWORD = "yorozu-demo"

SETUP = """
import datetime
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.utils import timezone
from yorozu.accounts.models import User, Role
from yorozu.catalog.models import Category
from yorozu.core.demo_totp import DEMO_TOTP_SECRET
from yorozu.jobs.models import Job
from django.contrib.auth.models import Group
staff2 = User.objects.create_user(email="{staff2}", password="{pw}", display_name="事務局サブ",
                                  is_staff=True)
staff2.groups.add(Group.objects.get(name="senior_reviewer"))
client = User.objects.create_user(email="{client}", password="{pw}", display_name="怪しい依頼者",
                                  active_role=Role.CLIENT)
for user in (staff2, client):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
Authenticator.objects.create(user=staff2, type="totp", data={{"secret": DEMO_TOTP_SECRET}})
from django.contrib.auth.models import Group
staff2.groups.add(Group.objects.get(name="senior_reviewer"))  # may decide appeals
cat = Category.objects.filter(parent__isnull=False).first()
Job.objects.create(client=client, title="{title}", category=cat, main_category=cat.parent,
    description="誰でも簡単に月収30万円。登録料3万円をお支払いください。", budget_min=10000,
    budget_max=30000, deadline=timezone.localdate() + datetime.timedelta(days=10))
"""


def run_on_server(tmp_path_factory, code: str) -> None:
    """Run Python against the server's own database through its manage.py (a subprocess)."""
    var_dirs = sorted(tmp_path_factory.getbasetemp().glob("yorozu-var*"))
    assert var_dirs, "the e2e server's var dir was not found"
    env = dict(os.environ)
    for key in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY"):
        env.pop(key, None)
    env.update(
        YOROZU_VAR_DIR=str(var_dirs[-1]), DJANGO_SETTINGS_MODULE="yorozu.settings", DEBUG="1"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]


def test_report_uphold_restrict_statement_appeal_second_reviewer(
    new_page, login, base_url, tmp_path_factory
):
    token = secrets.token_hex(3)
    title = f"在宅で簡単に稼げるお仕事（{token}）"
    client_email, staff2_email = f"shady-{token}@example.com", f"staff2-{token}@example.com"
    worker, staff, client, staff2 = new_page(), new_page(), new_page(), new_page()
    run_on_server(
        tmp_path_factory,
        SETUP.format(staff2=staff2_email, client=client_email, pw=PASSWORD, title=title),
    )

    # The worker finds the job and reports it.
    login(worker, WORKER)
    worker.goto(f"/jobs/?q={token}")
    worker.get_by_role("link", name=title).click()
    job_url = worker.url
    worker.get_by_role("link", name="この仕事を通報する").click()
    worker.get_by_label("MLM・ねずみ講などの勧誘").check()
    worker.get_by_label("詳細（任意）").fill("登録料を求められています。")
    worker.get_by_role("button", name="報告を送信する").click()
    expect(worker.get_by_text("ご報告ありがとうございます。")).to_be_visible()

    # The secretariat's list names the posting; the case opens in the console, the one place
    # a report is decided, where the restriction is chosen before the click.
    login(staff, STAFF)
    staff.goto("/secretariat/reports/")
    row = staff.get_by_role("row", name="怪しい依頼者")
    expect(row).to_contain_text(f"「{title}")
    row.get_by_role("link").click()
    expect(staff.get_by_text("登録料を求められています。")).to_be_visible()
    staff.get_by_label("ユーザーに表示する理由").fill("登録料を求めるMLMの勧誘にあたるため。")
    staff.get_by_label("利用制限ボタンで課す制限の段階").select_option("suspended")
    staff.get_by_role("button", name="通報を認めて非公開にし、上で選んだ利用制限を課す").click()
    expect(staff.get_by_text("判断を記録しました。")).to_be_visible()

    # The job is gone from search.
    worker.goto(f"/jobs/?q={token}")
    expect(worker.get_by_role("link", name=title)).to_have_count(0)

    # The client reads the statement of reasons and appeals.
    login(client, client_email)
    client.goto("/account/restrictions/")
    expect(client.get_by_role("heading", name="利用停止")).to_be_visible()
    expect(client.get_by_text("登録料を求めるMLMの勧誘にあたるため。")).to_be_visible()
    expect(client.locator('a[href="/help/guidelines/#prohibited-mlm"]')).to_be_visible()
    client.get_by_role("link", name="この判断に異議を申し立てる").click()
    client.get_by_label("判断を見直すべき理由").fill("登録料は教材費であり、MLMではありません。")
    client.get_by_role("button", name="異議を申し立てる").click()
    expect(client.get_by_text("異議申し立てを受け付けました。")).to_be_visible()

    # The reviewer who decided cannot decide the appeal.
    staff.goto("/secretariat/appeals/")
    staff.get_by_role("row", name="怪しい依頼者").get_by_role("link").click()
    staff.get_by_label("異議を認め、利用制限を解除する").check()
    staff.get_by_label("ユーザーに伝える理由").fill("取り消します。")
    staff.get_by_role("button", name="異議申し立てを判断する").click()
    expect(
        staff.get_by_text("元の判断をした担当者とは別の事務局スタッフが判断します。")
    ).to_be_visible()

    # A second member of the secretariat decides it.
    login(staff2, staff2_email)
    staff2.goto("/secretariat/appeals/")
    staff2.get_by_role("row", name="怪しい依頼者").get_by_role("link").click()
    staff2.get_by_label("異議を認め、利用制限を解除する").check()
    staff2.get_by_label("ユーザーに伝える理由").fill("再確認の結果、制限を解除します。")
    staff2.get_by_role("button", name="異議申し立てを判断する").click()
    expect(staff2.get_by_text("異議申し立てを判断し、ユーザーに通知しました。")).to_be_visible()

    client.goto("/account/restrictions/")
    expect(client.get_by_text("解除済み")).to_be_visible()

    # The reporter is told the report was upheld.
    worker.goto("/notifications/")
    expect(worker.get_by_text("違反報告の確認結果：違反を確認しました").first).to_be_visible()
    expect(worker.get_by_text("怪しい依頼者")).to_have_count(0)
    worker.goto(job_url)
