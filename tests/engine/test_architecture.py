"""The one-way rule of docs/architecture.md, checked on the code rather than stated:
only the Rasa adapters (adapters/, actions/) import Rasa, the engine (bot/) imports none
of the packages built on it, and the review app (review/) runs without Rasa."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

# The modules allowed to import rasa / rasa_sdk: the adapters between Rasa and the engine.
RASA_ADAPTERS = ("actions/", "adapters/")
PACKAGES = ("bot", "adapters", "actions", "review")


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
    files = sorted(path for package in PACKAGES for path in (ROOT / package).rglob("*.py"))
    return [(str(p.relative_to(ROOT)), imported_roots(p)) for p in files]


def test_only_the_adapters_import_rasa():
    offenders = [
        name for name, roots in sources() if roots & {"rasa", "rasa_sdk"} and not name.startswith(RASA_ADAPTERS)
    ]
    assert not offenders, f"modules importing Rasa outside the adapters: {offenders}"


def test_the_engine_imports_nothing_built_on_it():
    built_on_it = {"adapters", "actions", "review", "tests"}
    offenders = [name for name, roots in sources() if name.startswith("bot/") and roots & built_on_it]
    assert not offenders, offenders


def test_every_package_is_checked():
    checked = {name.split("/")[0] for name, _ in sources()}
    assert checked == set(PACKAGES)


def test_the_check_sees_an_import_of_rasa(tmp_path):
    # The rule above must be able to fail: a module that imports Rasa is seen as doing so.
    module = tmp_path / "engine_module.py"
    module.write_text("from rasa.core.agent import Agent\nimport rasa_sdk.events as e\n", encoding="utf-8")
    assert imported_roots(module) == {"rasa", "rasa_sdk"}
