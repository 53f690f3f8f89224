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


# Every thread setting an operator could have exported, so each test starts from none.
THREAD_SETTINGS = (
    "OPENBLAS_NUM_THREADS",
    "OMP_NUM_THREADS",
    "TF_INTER_OP_PARALLELISM_THREADS",
    "TF_INTRA_OP_PARALLELISM_THREADS",
)


def reported(code: str, **env: str) -> list[int]:
    """What `code`, run in a fresh process with only `env`'s thread settings, prints last."""
    clean = {k: v for k, v in os.environ.items() if k not in THREAD_SETTINGS}
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "PYTHONPATH": str(ROOT), "TF_CPP_MIN_LOG_LEVEL": "2", **env},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.splitlines()[-1])


def blas_threads(**env: str) -> list[int]:
    return reported(REPORT, **env)


def test_numpy_matrix_products_use_one_thread_per_request():
    threads = blas_threads()
    assert threads and set(threads) == {1}


def test_an_operators_thread_setting_is_kept():
    assert set(blas_threads(OPENBLAS_NUM_THREADS="2")) == {2}


TF_REPORT = (
    "from adapters.server import one_tensorflow_thread_per_request; one_tensorflow_thread_per_request(); "
    "import json, tensorflow as tf; "
    "print(json.dumps([tf.config.threading.get_inter_op_parallelism_threads(), "
    "tf.config.threading.get_intra_op_parallelism_threads()]))"
)


def tensorflow_threads(**env: str) -> list[int]:
    return reported(TF_REPORT, **env)


def test_the_rasa_server_runs_tensorflow_on_one_thread_per_request():
    assert tensorflow_threads() == [1, 1]


def test_an_operators_tensorflow_thread_setting_is_kept():
    # 0 is TensorFlow's own default: a thread per core.
    assert tensorflow_threads(TF_INTRA_OP_PARALLELISM_THREADS="2") == [0, 2]
