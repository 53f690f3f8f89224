"""How the servers set up their process before answering anyone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REPORT = (
    "from bot import one_blas_thread_per_request; one_blas_thread_per_request(); "
    "import json, numpy, threadpoolctl; "
    "print(json.dumps([p['num_threads'] for p in threadpoolctl.threadpool_info() if p['user_api'] == 'blas']))"
)


def blas_threads(**env: str) -> list[int]:
    clean = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")}
    out = subprocess.run(
        [sys.executable, "-c", REPORT],
        cwd=ROOT,
        env={**clean, "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.splitlines()[-1])


def test_numpy_matrix_products_use_one_thread_per_request():
    threads = blas_threads()
    assert threads and set(threads) == {1}


def test_an_operators_thread_setting_is_kept():
    assert set(blas_threads(OPENBLAS_NUM_THREADS="2")) == {2}
