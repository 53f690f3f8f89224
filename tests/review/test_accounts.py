"""Counselor accounts, server-side sessions and the sign-in throttle, without a server."""

from __future__ import annotations

import pytest

from review import store
from review.throttle import Throttle
from tests.review.conftest import PASSWORD, review_cli


@pytest.fixture()
def engine(tmp_path):
    engine = store.connect(f"sqlite:///{tmp_path / 'accounts.db'}")
    store.add_counselor(engine, "maria", PASSWORD)
    return engine


def test_no_account_lock_after_many_failures(engine):
    for _ in range(12):
        assert not store.check_password(engine, "maria", "wrong password")
    assert store.check_password(engine, "maria", PASSWORD)
    assert not store.check_password(engine, "nobody", PASSWORD)


def test_sessions_end_on_logout_password_change_and_removal(engine):
    first, second = store.start_session(engine, "maria"), store.start_session(engine, "maria")
    assert store.session_counselor(engine, first) == "maria" and first != second
    store.end_session(engine, first)
    assert store.session_counselor(engine, first) is None and store.session_counselor(engine, second) == "maria"
    store.add_counselor(engine, "maria", "a brand new password")
    assert store.session_counselor(engine, second) is None
    third = store.start_session(engine, "maria")
    assert store.remove_counselor(engine, "maria") and not store.remove_counselor(engine, "maria")
    assert store.session_counselor(engine, third) is None
    assert store.session_counselor(engine, "made-up ✓ id") is None


def test_sessions_expire_and_idle_out(engine):
    session = store.start_session(engine, "maria", now=1000.0)
    assert store.session_counselor(engine, session, now=1000.0 + store.IDLE_SECONDS - 1) == "maria"
    assert store.session_counselor(engine, session, now=1000.0 + store.SESSION_SECONDS + 1) is None
    idle = store.start_session(engine, "maria", now=5000.0)
    assert store.session_counselor(engine, idle, now=5000.0 + store.IDLE_SECONDS + 1) is None


def test_the_database_holds_no_usable_session_id(engine, tmp_path):
    session = store.start_session(engine, "maria")
    assert session.encode() not in (tmp_path / "accounts.db").read_bytes()


def test_cli_removes_a_counselor(engine, tmp_path):
    session = store.start_session(engine, "maria")
    out = review_cli(tmp_path / "accounts.db", "remove-counselor", "maria")
    assert out.returncode == 0, out.stderr
    assert "INFO career.audit: account: " in out.stderr and "removed counselor 'maria'" in out.stderr
    assert store.session_counselor(engine, session) is None
    assert review_cli(tmp_path / "accounts.db", "remove-counselor", "maria").returncode == 2


def test_throttle_waits_grow_per_address_and_never_reach_other_addresses():
    throttle = Throttle(per_name=3, per_address=5, first_wait=10, longest_wait=100)
    for _ in range(2):
        throttle.failed("a", "maria", now=0)
    assert throttle.wait("a", "maria", now=0) == 0
    throttle.failed("a", "maria", now=0)
    assert throttle.wait("a", "maria", now=0) == 10 and throttle.wait("a", "MARIA", now=0) == 10
    throttle.failed("a", "maria", now=0)
    assert throttle.wait("a", "maria", now=0) == 20
    assert throttle.wait("b", "maria", now=0) == 0, "another address is never slowed"
    assert throttle.wait("a", "other", now=0) == 0
    throttle.failed("a", "other", now=0)
    assert throttle.wait("a", "someone", now=0) == 10, "too many failures from one address slow all its names"
    for _ in range(10):
        throttle.failed("a", "maria", now=0)
    assert throttle.wait("a", "maria", now=0) == 100
    assert throttle.wait("a", "maria", now=101) == 0
    throttle.succeeded("b", "maria")
    assert throttle.wait("a", "maria", now=50) > 0


def test_throttle_memory_is_bounded():
    throttle = Throttle(max_keys=100)
    for i in range(1000):
        throttle.failed(f"10.0.{i // 250}.{i % 250}", f"name{i}", now=float(i))
    assert len(throttle._counts) <= 101
