"""The import rules in docs/architecture.md, checked on the code itself.

- No app imports another app's views (views are entry points, not a library).
- `trust/engine/` imports nothing from the project and nothing from Django.
- Every cross-app import is drawn as an arrow in docs/architecture.md.
"""

import ast
import re
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]
DOC = PACKAGE.parent / "docs" / "architecture.md"
APPS = sorted(p.name for p in PACKAGE.iterdir() if (p / "apps.py").exists())


def imported_modules(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
    return found


def production_files(app: str):
    for path in (PACKAGE / app).rglob("*.py"):
        rel = path.relative_to(PACKAGE / app).parts
        if "tests" in rel or "migrations" in rel:
            continue
        yield path


def cross_app_edges() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = defaultdict(set)
    for app in APPS:
        for path in production_files(app):
            for module in imported_modules(path):
                parts = module.split(".")
                if parts[0] == "yorozu" and len(parts) > 1 and parts[1] in APPS and parts[1] != app:
                    edges[app].add(parts[1])
    return edges


def documented_edges() -> dict[str, set[str]]:
    """The arrows block of docs/architecture.md: `app ──► other.module, other2.module`."""
    block = DOC.read_text(encoding="utf-8").split("## Import arrows between apps", 1)[1]
    edges: dict[str, set[str]] = defaultdict(set)
    current = None
    for line in block.split("```")[1].splitlines():
        head = re.match(r"^(\w+)\s*─+►\s*(.*)$", line)
        if head:
            current, rest = head.group(1), head.group(2)
        elif current and line.startswith(" "):
            rest = line
        else:
            continue
        for target in re.findall(r"\b([a-z_]+)\.[a-z_]+", rest):
            edges[current].add(target)
    return edges


def test_no_app_imports_another_apps_views():
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {module}"
        for app in APPS
        for path in production_files(app)
        for module in imported_modules(path)
        if module.startswith("yorozu.")
        and module.split(".")[1] != app
        and module.split(".")[-1] == "views"
    ]
    assert offenders == []


def test_trust_engine_imports_nothing_from_the_project_or_django():
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {module}"
        for path in (PACKAGE / "trust" / "engine").rglob("*.py")
        for module in imported_modules(path)
        if (module.startswith("yorozu.") and not module.startswith("yorozu.trust.engine"))
        or module.split(".")[0] == "django"
    ]
    assert offenders == []


def test_every_cross_app_import_is_drawn_in_the_architecture_doc():
    documented = documented_edges()
    missing = sorted(
        f"{app} -> {target}"
        for app, targets in cross_app_edges().items()
        for target in targets
        if target not in documented.get(app, set())
    )
    assert missing == [], f"add these arrows to docs/architecture.md: {missing}"
