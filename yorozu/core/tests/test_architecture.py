"""The floors of docs/architecture.md, checked on the code itself.

- import-linter's contracts (pyproject.toml) hold: an import only goes down a floor, and the
  trust engine imports nothing from the project;
- the import graph has no circle, function-local imports included (grimp sees those too);
- no module imports another app's module inside a function to dodge a cycle (Django's
  `AppConfig.ready()` and `TYPE_CHECKING` blocks aside);
- no app imports another app's views;
- `trust/engine/` imports nothing from Django.
"""

import ast
import sys
from pathlib import Path

import grimp
from importlinter.application.use_cases import lint_imports
from importlinter.configuration import configure

PACKAGE = Path(__file__).resolve().parents[2]
APPS = sorted(p.name for p in PACKAGE.iterdir() if (p / "apps.py").exists())


def production_modules(graph) -> set[str]:
    return {
        m
        for m in graph.modules
        if ".tests" not in m and ".migrations" not in m and not m.endswith("conftest")
    }


def imported_modules(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
    return found


def production_files():
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).parts
        if "tests" in rel or "migrations" in rel or path.name == "conftest.py":
            continue
        yield path


def test_the_import_contracts_hold():
    """What `lint-imports` checks in CI; the broken contract is printed when it fails."""
    configure()
    kept = lint_imports(
        config_filename=str(PACKAGE.parent / "pyproject.toml"), cache_dir=None, no_logo=True
    )
    assert kept


def test_the_import_graph_has_no_circle():
    graph = grimp.build_graph("yorozu")
    modules = production_modules(graph)
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []
    counter = [0]

    def visit(module: str) -> None:  # Tarjan's strongly connected components
        index[module] = low[module] = counter[0]
        counter[0] += 1
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in modules:
                continue
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == module:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for module in sorted(modules):
        if module not in index:
            visit(module)
    assert circles == []


class _LocalImports(ast.NodeVisitor):
    """Project imports inside functions, except in `ready()` and `if TYPE_CHECKING:` blocks."""

    def __init__(self) -> None:
        self.found: list[tuple[int, str]] = []
        self.depth = 0

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        if node.name == "ready":
            return
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def visit_If(self, node: ast.If) -> None:
        if isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            return
        self.generic_visit(node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if self.depth and node.module and node.module.startswith("yorozu."):
            self.found.append((node.lineno, node.module))

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if self.depth and alias.name.startswith("yorozu."):
                self.found.append((node.lineno, alias.name))


def test_no_function_local_import_dodges_a_cycle():
    offenders = []
    for path in production_files():
        visitor = _LocalImports()
        visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
        offenders += [f"{path.relative_to(PACKAGE)}:{line} {mod}" for line, mod in visitor.found]
    assert offenders == []


def test_no_app_imports_another_apps_views():
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {module}"
        for path in production_files()
        for module in imported_modules(path)
        if module.startswith("yorozu.")
        and len(path.relative_to(PACKAGE).parts) > 1
        and module.split(".")[1] != path.relative_to(PACKAGE).parts[0]
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
