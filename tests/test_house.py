"""The package's house rules, read from the code itself: the runtime never imports the
development harness, the platforms are listed only in their table, the environment is read only
in settings, and no room grows past 400 lines."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from netra import platforms

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "plugins" / "netra"
HARNESS = PACKAGE / "dev"
CLI = PACKAGE / "cli"          # the boundary: it supplies the harness's embedded warehouse
SAMPLE = HARNESS / "sample"


def _modules(*folders: Path) -> list[Path]:
    return sorted(p for f in folders for p in f.rglob("*.py") if "migrations" not in p.parts)


def _runtime() -> list[Path]:
    return [p for p in _modules(PACKAGE) if HARNESS not in p.parents and CLI not in p.parents]


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
    return found


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_the_runtime_and_the_dags_never_import_the_harness_or_the_cli():
    leaks = {_rel(p): sorted(i for i in _imports(p) if i.startswith(("netra.dev", "netra.cli")))
             for p in _runtime() + _modules(ROOT / "dags")}
    assert {k: v for k, v in leaks.items() if v} == {}
    assert len(_runtime()) > 40                         # the walk did find the package


def test_normalizing_needs_no_database():
    touching = {_rel(p): sorted(i for i in _imports(p) if i.startswith(("sqlalchemy", "psycopg2", "netra.warehouse")))
                for p in _modules(PACKAGE / "normalize")}
    assert {k: v for k, v in touching.items() if v} == {} and len(touching) >= 8


def _platform_lists(source: str) -> list[int]:
    """Lines of collection literals that name three or more platforms."""
    names, lines = set(platforms.NAMES), []
    for node in ast.walk(ast.parse(source)):
        items = [*node.keys, *node.values] if isinstance(node, ast.Dict) else \
            node.elts if isinstance(node, (ast.List, ast.Tuple, ast.Set)) else []
        named = {i.value for i in items if isinstance(i, ast.Constant) and i.value in names}
        if len(named) >= 3:
            lines.append(node.lineno)
    return lines


def test_the_platforms_are_listed_only_in_their_table():
    assert _platform_lists('LIMIT = 1\nTEXT = {"facebook": 1, "x": 2, "youtube": 3}') == [2]   # it sees one
    assert _platform_lists('HOSTS = {"fb.com": "facebook", "x.com": "x", "youtu.be": "youtube"}') == [1]
    # The sample simulates each platform (its share of accounts, its payload shapes): that is the
    # simulation's own data about each platform, as a parser module is the runtime's.
    lists = {_rel(p): _platform_lists(p.read_text(encoding="utf-8")) for p in _modules(PACKAGE, ROOT / "dags")
             if SAMPLE not in p.parents}
    assert {k: v for k, v in lists.items() if v} == {}


def test_the_environment_is_read_only_in_settings():
    readers = {}
    for p in _modules(PACKAGE, ROOT / "dags"):
        if p.name == "settings.py":
            continue
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            reads = (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                     and node.func.attr in ("get", "getenv", "__getitem__")
                     and ast.unparse(node.func.value) in ("os.environ", "os")) or (
                     isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load)
                     and ast.unparse(node.value) == "os.environ")
            if reads:
                readers.setdefault(_rel(p), []).append(node.lineno)
    assert readers == {}


@pytest.mark.parametrize("folder", ["plugins", "dags", "tests"])
def test_no_room_over_400_lines(folder):
    long = {_rel(p): n for p in (ROOT / folder).rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}
