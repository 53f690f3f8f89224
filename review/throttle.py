"""Sign-in throttling per client address, which nobody can turn into locking a counselor out.

An account lock stops the right password too, so anyone who knows a counselor's name
could keep them out. Instead failures are counted per client address and per address and
name: past a few, that address waits, twice as long after each further failure, while the
same counselor signs in from anywhere else. Counts live in this process's memory (the
review app is one process); a restart forgets them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass


@dataclass
class _Count:
    failures: int = 0
    blocked_until: float = 0.0
    last: float = 0.0


class Throttle:
    """Failures per address (`per_address`) and per address and name (`per_name`) before waits."""

    def __init__(
        self,
        per_name: int = 5,
        per_address: int = 20,
        first_wait: float = 30.0,
        longest_wait: float = 900.0,
        forget_after: float = 3600.0,
        max_keys: int = 100_000,
    ) -> None:
        self.limits = {"name": per_name, "address": per_address}
        self.first_wait, self.longest_wait = first_wait, longest_wait
        self.forget_after, self.max_keys = forget_after, max_keys
        self._counts: dict[tuple[str, ...], _Count] = {}

    @staticmethod
    def _keys(address: str, name: str) -> dict[str, tuple[str, ...]]:
        return {"name": ("name", address, name.casefold()), "address": ("address", address)}

    def wait(self, address: str, name: str, now: float | None = None) -> float:
        """Seconds before this address may try this name again; 0 when it may now."""
        now = time.monotonic() if now is None else now
        counts = (self._counts.get(key) for key in self._keys(address, name).values())
        return max([count.blocked_until - now for count in counts if count] + [0.0])

    def failed(self, address: str, name: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        for kind, key in self._keys(address, name).items():
            count = self._counts.get(key)
            if count is None or now - count.last > self.forget_after:
                count = self._counts[key] = _Count()
            count.failures += 1
            count.last = now
            over = count.failures - self.limits[kind]
            if over >= 0:
                count.blocked_until = now + min(self.first_wait * 2**over, self.longest_wait)
        self._prune(now)

    def succeeded(self, address: str, name: str) -> None:
        """The right password from this address: its count for this name starts again."""
        self._counts.pop(self._keys(address, name)["name"], None)

    def _prune(self, now: float) -> None:
        # A flood of made-up names must not grow memory without bound.
        if len(self._counts) <= self.max_keys:
            return
        for key in [k for k, c in self._counts.items() if now - c.last > self.forget_after and c.blocked_until < now]:
            del self._counts[key]
        if len(self._counts) > self.max_keys:
            oldest = sorted(self._counts, key=lambda k: self._counts[k].last)[: len(self._counts) // 2]
            for key in oldest:
                del self._counts[key]
