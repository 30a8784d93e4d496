"""`manage.py trust_scan`: assess JSON lines from stdin (see yorozu.trust.engine.cli)."""

from __future__ import annotations

import sys
from typing import TextIO, cast

from django.core.management.base import BaseCommand

from yorozu.trust.engine import cli


class Command(BaseCommand):
    stealth_options = ("stdin",)
    help = (
        'Read JSON lines {"id", "kind", "text", "title"?, "stage"?, "sender_role"?} on stdin and '
        'write {"id", "verdict", "score", "reasons"} per line; a bad line yields an error line.'
    )

    def add_arguments(self, parser):
        parser.add_argument("--lang", default="ja", choices=("ja", "en"))

    def handle(self, *args, **options):
        # call_command(..., stdin=StringIO(...)) in tests; the process's stdin otherwise.
        stdin = options.get("stdin") or sys.stdin
        cli.run(stdin, cast(TextIO, self.stdout), options["lang"])
