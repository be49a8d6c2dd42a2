"""The per-article step on a Dask cluster, for corpora larger than one machine.

The per-article step (parse and extract one article) is a pure function of the article's bytes,
the spaCy pipeline and the extraction code, so it can run anywhere. `extract_on_cluster` sends
chunks of articles to the workers of a running `distributed` scheduler; each worker process loads
the pipeline once (nlp.load_pipeline is cached per process) and sends back only the small facts,
which the caller stores in the local cache. The corpus steps (merging players, clustering
events, comparing claims) stay local. Output is byte-identical to a local build: the same
function computes the same facts, and they are put back in corpus order.

    dask scheduler                                   # on one machine: prints tcp://HOST:8786
    dask worker tcp://HOST:8786 --nworkers 2 --nthreads 1   # on each machine, same briefing installed
    briefing build --scheduler tcp://HOST:8786       # or BRIEFING_SCHEDULER=tcp://HOST:8786
"""
from __future__ import annotations

import ctypes
import functools
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from . import per_article
from .errors import BriefingError, Problem
from .model import Article

SCHEDULER_ENV = "BRIEFING_SCHEDULER"
CONNECT_TIMEOUT = "20s"  # a scheduler across a network answers in well under a second
# Articles per task: as the local pool (per_article.CHUNK), small enough that the last tasks
# share out evenly among the workers, large enough that spaCy batches well and the scheduler's
# few milliseconds a task are nothing beside a task's seconds. Measured with bench/cluster.py.
CHUNK = per_article.CHUNK


def scheduler_address(given: str | None = None) -> str | None:
    """The scheduler asked for: `--scheduler`, then BRIEFING_SCHEDULER; None to run locally."""
    return given or os.environ.get(SCHEDULER_ENV) or None


def extract_on_cluster(articles: Sequence[Article], address: str, model: str | None, lexicon: Any,
                       pipeline_id: str, *, progress: Callable[[int, int], None] | None = None,
                       chunk: int = CHUNK) -> list[Any]:
    """`extract.facts_for` of every article, computed on the cluster's workers, in order.
    `pipeline_id` is the spaCy pipeline the local cache is keyed on; every worker must have it."""
    from distributed import Client, as_completed

    from .cache import code_fingerprint, loads

    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise BriefingError([Problem(address, None, f"cannot reach the Dask scheduler: {exc}",
                                     f"start one with `dask scheduler`, or unset {SCHEDULER_ENV} "
                                     "to build on this machine")]) from None
    try:
        mine = (code_fingerprint(), pipeline_id)
        theirs = client.run(_installed, model)
        if not theirs:
            raise BriefingError([Problem(address, None, "the Dask scheduler has no workers",
                                         "start some with `dask worker ADDRESS`")])
        stale = sorted(w for w, found in theirs.items() if tuple(found) != mine)
        if stale:
            # Results from other code or another pipeline would be cached under this build's key.
            raise BriefingError([Problem(address, None, f"{len(stale)} worker(s) run other briefing code "
                                         f"or another spaCy pipeline than this one: {', '.join(stale[:3])}",
                                         "install the same version of briefing and its pipeline on "
                                         "every worker")])
        chunks = [list(articles[i:i + chunk]) for i in range(0, len(articles), chunk)]
        shared = client.scatter(lexicon, broadcast=True)
        futures = client.map(_work, chunks, lexicon=shared, model=model, pure=False)
        index = {f.key: n for n, f in enumerate(futures)}
        results: list[list[Any] | None] = [None] * len(chunks)
        done = 0
        if progress:
            progress(0, len(articles))
        for future in as_completed(futures, loop=client.loop):
            n = index[future.key]
            results[n] = loads(future.result())
            done += len(chunks[n])
            if progress:
                progress(done, len(articles))
        return [facts for part in results if part is not None for facts in part]
    finally:
        client.close()


def _installed(model: str | None) -> tuple[str, str | None]:
    """On a worker: the code fingerprint and the pipeline it would load."""
    from . import nlp
    from .cache import code_fingerprint

    return code_fingerprint(), nlp.installed_pipeline_id(nlp.model_name(model))


def _work(chunk: list[Article], lexicon: Any, model: str | None) -> bytes:
    """On a worker: parse and extract a chunk with the worker's own pipeline (loaded once),
    pickled the cache's way (see per_article._work)."""
    from . import nlp
    from .cache import dumps
    from .per_article import chunk_facts

    _undo_nanny_malloc_trim()
    return dumps(chunk_facts(chunk, nlp.load_pipeline(model), lexicon))


# glibc's mallopt parameters, and the mmap threshold its dynamic rule climbs to on 64-bit
# systems (DEFAULT_MMAP_THRESHOLD_MAX); it then keeps the trim threshold at twice that.
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
_MMAP_THRESHOLD_MAX = 32 * 1024 * 1024


@functools.cache
def _undo_nanny_malloc_trim() -> None:
    """Give a Dask worker the allocator a local process has.

    Dask's nanny starts workers with MALLOC_TRIM_THRESHOLD_=65536 (its `pre-spawn-environ`), so
    that they hand freed memory back to the system at once. Setting it also stops glibc raising
    its mmap threshold as large blocks are freed, so every one of spaCy's large arrays is mapped
    and unmapped again: parsing and extracting took 20 % longer (bench/cluster.py, and 30 real
    articles in one process: 16.3 s without the variable, 20.0 s with it, 16.7 s with it and
    these settings; four runs each). Here the thresholds are set to where glibc's own rule takes
    them; a worker's memory between chunks is then what a local worker's is."""
    if "MALLOC_TRIM_THRESHOLD_" not in os.environ or not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc (musl, say): the variable meant nothing there
        return
    libc.mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD_MAX)
    libc.mallopt(_M_TRIM_THRESHOLD, 2 * _MMAP_THRESHOLD_MAX)
