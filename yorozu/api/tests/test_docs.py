"""docs/api.md's curl examples, run in order against a live server: each block's `# expect`
status is the status curl gets."""

import datetime
import os
import re
import subprocess
from pathlib import Path

import pytest
from django.utils import timezone

DOC = Path(__file__).resolve().parents[3] / "docs" / "api.md"
BLOCK = re.compile(r"```sh\n# expect (\d{3})\n(.*?)```", re.S)


def examples() -> list[tuple[int, str]]:
    return [(int(status), command) for status, command in BLOCK.findall(DOC.read_text())]


def test_the_doc_has_an_example_for_each_resource():
    text = "\n".join(command for _status, command in examples())
    for resource in (
        "/me",
        "/jobs",
        "/proposals",
        "/contracts",
        "/threads",
        "/notifications",
        "/workers",
        "/scouts",
        "/reports",
        "/trust/assess",
        "/staff/",
    ):
        assert resource in text, resource


@pytest.mark.django_db(transaction=True)
def test_every_curl_example_answers_as_documented(world, live_server, tmp_path):
    tokens = world["tokens"]
    (tmp_path / ".curlrc").write_text('write-out = "\\n%{http_code}"\n')
    env = {
        "PATH": os.environ["PATH"],
        "CURL_HOME": str(tmp_path),
        "YOROZU": live_server.url,
        "CLIENT": tokens["client"],
        "WORKER": tokens["worker"],
        "STAFF": tokens["staff"],
        "JOB": str(world["job"]),
        "SPARE_JOB": str(world["spare"]),
        "PROPOSAL": str(world["proposal"]),
        "CONTRACT": str(world["contract"]),
        "THREAD": str(world["thread"]),
        "SCOUT": str(world["scout"]),
        "CASE": str(world["case"]),
        "WORKER_ID": str(world["worker_id"]),
        "CATEGORY": str(world["category"]),
        "DEADLINE": (timezone.localdate() + datetime.timedelta(days=20)).isoformat(),
    }
    ran = 0
    for expected, command in examples():
        result = subprocess.run(
            ["bash", "-c", command], env=env, capture_output=True, text=True, timeout=60
        )
        body, _sep, status = result.stdout.rpartition("\n")
        assert result.returncode == 0, (command, result.stderr)
        assert int(status) == expected, (command, body)
        ran += 1
    assert ran >= 20
