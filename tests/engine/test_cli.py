"""`python -m bot` as a person or a script would call it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=ROOT, input=stdin, capture_output=True, text=True, timeout=120
    )


def test_resolve_json_contract():
    out = run("resolve", "I loved my years as a nurse", "--json", "--top", "2")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["kind"] == "role" and data["matches"][0]["code"] == "29-1141.00"
    assert len(data["matches"]) == 2


def test_resolve_reads_many_messages_from_stdin():
    messages = ["nurse", "", "doctor", "I love working with numbers", "x" * 3000]
    out = run("resolve", "-", stdin="\n".join(messages) + "\n")
    assert out.returncode == 0, out.stderr
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert [line["kind"] for line in lines] == ["role", "none", "ambiguous", "interest", "none"]


@pytest.mark.slow  # three CLI processes, a few seconds each
def test_related_advice_cluster_text():
    assert "Nurse Practitioners" in run("related", "29-1141.00").stdout
    advice = run("advice", "nurse", "Nurse Practitioners")
    assert "Registered Nurses -> Nurse Practitioners" in advice.stdout
    cluster = run("cluster", "Health Science")
    assert "Healthcare & Human Services" in cluster.stdout and "Sub-clusters" in cluster.stdout


@pytest.mark.slow  # three CLI processes, a few seconds each
def test_errors_are_messages_not_tracebacks():
    for args in (("related", "99-9999.00"), ("advice", "nurse", "doctor"), ("cluster", "Nowhere")):
        out = run(*args)
        assert out.returncode == 2
        assert out.stderr.startswith("error:") and "Traceback" not in out.stderr
