"""Career guidance engine: catalogue, matching, related roles and transition advice."""

import sys


def engine_only_process() -> None:
    """Call before importing anything else from `bot` in processes that never run
    Rasa's models (the CLI, the action server, the benchmark).

    thinc, spaCy's ML layer, imports TensorFlow whenever it is installed (Rasa installs
    it), and h5py, to save weights. TensorFlow costs about three seconds, h5py 12 MB of
    memory, and the engine uses neither, so both are marked unavailable before spaCy is
    imported (thinc catches the ImportError). Never call this inside the Rasa server.
    """
    if "tensorflow" not in sys.modules and "spacy" not in sys.modules:
        sys.modules["tensorflow"] = None  # type: ignore[assignment]
        sys.modules.setdefault("h5py", None)  # type: ignore[arg-type]


def one_blas_thread_per_request() -> None:
    """Let numpy's BLAS (the sentence encoder, the meaning scores) use one thread.

    A server answers many people at once and each request already has a core's worth of
    work; with a BLAS thread per core, every matrix product also woke a second thread that
    competed with the other requests and the other server on the same cores. Under load on
    2 cores one thread gave about a tenth more messages per second (docs/benchmarks.md). An
    operator who sets OPENBLAS_NUM_THREADS or OMP_NUM_THREADS keeps their choice."""
    import os

    if "OPENBLAS_NUM_THREADS" in os.environ or "OMP_NUM_THREADS" in os.environ:
        return
    import numpy  # noqa: F401  (loads the BLAS library that the limit applies to)
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
