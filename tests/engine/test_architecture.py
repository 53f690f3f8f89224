"""The one-way rule of docs/architecture.md, checked on the code rather than stated:
only the Rasa adapters import Rasa, and nothing in the engine imports the actions."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

# The modules allowed to import rasa / rasa_sdk: the adapters between Rasa and the engine.
RASA_ADAPTERS = ("actions/", "bot/channels/", "bot/components/", "bot/server.py", "bot/tracker_store.py")


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def sources() -> list[tuple[str, set[str]]]:
    files = sorted([*(ROOT / "bot").rglob("*.py"), *(ROOT / "actions").rglob("*.py")])
    return [(str(p.relative_to(ROOT)), imported_roots(p)) for p in files]


def test_only_the_adapters_import_rasa():
    offenders = [
        name for name, roots in sources() if roots & {"rasa", "rasa_sdk"} and not name.startswith(RASA_ADAPTERS)
    ]
    assert not offenders, f"modules importing Rasa outside the adapters: {offenders}"


def test_the_engine_never_imports_the_actions_or_the_tests():
    offenders = [name for name, roots in sources() if name.startswith("bot/") and roots & {"actions", "tests"}]
    assert not offenders, offenders


def test_the_check_sees_an_import_of_rasa(tmp_path):
    # The rule above must be able to fail: a module that imports Rasa is seen as doing so.
    module = tmp_path / "engine_module.py"
    module.write_text("from rasa.core.agent import Agent\nimport rasa_sdk.events as e\n", encoding="utf-8")
    assert imported_roots(module) == {"rasa", "rasa_sdk"}
