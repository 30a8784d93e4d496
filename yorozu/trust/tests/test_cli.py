"""trust_scan's JSON-lines contract, through the engine function and the management command."""

import io
import json

from yorozu.trust.engine.cli import scan_lines


def run(*lines):
    return [json.loads(x) for x in scan_lines(lines)]


def test_one_output_line_per_input_and_errors_do_not_stop_the_run():
    out = run(
        '{"id": "a", "kind": "message", "text": "LINE交換しませんか？"}',
        "{not json",
        '{"id": "c", "kind": "rocket", "text": "x"}',
        '{"id": "d", "text": "よろしくお願いします"}',
        '{"id": "e"}',
    )
    assert [o.get("id") for o in out] == ["a", None, "c", "d", "e"]
    assert out[0]["verdict"] != "allow" and out[0]["reasons"][0]["code"].startswith("contact")
    assert "error" in out[1] and "error" in out[2] and "error" in out[4]
    assert out[3] == {"id": "d", "verdict": "allow", "score": 0.0, "reasons": []}


def test_job_title_and_text_are_assessed_together_with_spans_per_field():
    out = run(
        json.dumps(
            {"id": 1, "kind": "job", "title": "コピペだけ", "text": "スマホで月30万円稼げます"},
            ensure_ascii=False,
        )
    )[0]
    assert out["verdict"] == "hold"
    r = out["reasons"][0]
    assert r["field"] == "title" and "コピペ" in "コピペだけ"[r["start"] : r["end"]]


def test_post_contract_stage_is_honoured():
    out = run('{"id": 1, "kind": "message", "stage": "post_contract", "text": "a.b@gmail.com"}')
    assert out[0]["verdict"] == "allow"


def test_management_command_wraps_the_engine():
    from django.core.management import call_command

    stdout = io.StringIO()
    call_command(
        "trust_scan",
        stdin=io.StringIO('{"id": 7, "kind": "message", "text": "メールは a.b@gmail.com"}\n'),
        stdout=stdout,
    )
    out = json.loads(stdout.getvalue())
    assert out["id"] == 7 and out["verdict"] == "block"
