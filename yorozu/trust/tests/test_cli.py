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


def test_earlier_messages_are_read_with_the_current_one():
    line = json.dumps(
        {
            "id": 3,
            "kind": "message",
            "text": "hina0123 で検索してみて",
            "earlier": ["LINEやってますか？"],
        },
        ensure_ascii=False,
    )
    out = run(line)[0]
    assert out["verdict"] == "block"
    assert all(r["field"] == "text" and 0 <= r["start"] < r["end"] <= 17 for r in out["reasons"])
    alone = run(json.dumps({"id": 4, "kind": "message", "text": "hina0123 で検索してみて"}))[0]
    assert alone["verdict"] != "block"


def test_new_kinds_and_a_stage_of_none():
    out = run('{"id": 5, "kind": "profile", "stage": "none", "text": "Webデザイナーです"}')[0]
    assert out["verdict"] == "allow"
    report = run(
        json.dumps(
            {"id": 6, "kind": "report", "text": "「LINE IDは abc_123 です」と送られてきました"},
            ensure_ascii=False,
        )
    )[0]
    assert report["verdict"] == "warn"
    bad = run('{"id": 7, "kind": "message", "text": "x", "earlier": [1, 2]}')[0]
    assert "error" in bad
