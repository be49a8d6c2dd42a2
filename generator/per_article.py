"""The per-article step over many articles: parse and extract in worker processes.

Each worker parses a chunk of articles and runs the per-article extractors on it, and sends back
only the (small, picklable) facts. spaCy's own multi-process `pipe` would send every parsed Doc
back to this process, and serialising Docs costs more than the extraction itself.
"""
from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from . import nlp
from .cache import dumps, loads
from .model import Article

if TYPE_CHECKING:
    from spacy.language import Language

CHUNK = 8  # articles per task: small enough to share out evenly, large enough to batch well

# The pipeline and lexicon of a worker: set before the pool forks, so workers inherit them
# instead of loading the model again; read only by `_work`.
_SHARED: dict[str, Any] = {}


def extract_all(articles: Sequence[Article], pipeline: Language, lexicon: Any, *, n_process: int = 1,
                batch_size: int = 64, chunk: int = CHUNK,
                progress: Callable[[int, int], None] | None = None,
                each: Callable[[int, Any], None] | None = None) -> list[Any]:
    """`facts_for` of every article, in order; `n_process` > 1 spreads the work over processes.
    `each(i, facts)` is called for article `i` as its facts come back (to store them while the
    workers parse on, rather than after the last)."""
    total = len(articles)
    out: list[Any] = []
    if progress:
        progress(0, total)
    for chunk_facts in _chunks(articles, pipeline, lexicon, n_process, batch_size, chunk):
        for one in chunk_facts:
            if each:
                each(len(out), one)
            out.append(one)
        if progress:
            progress(len(out), total)
    return out


def _chunks(articles: Sequence[Article], pipeline: Language, lexicon: Any, n_process: int,
            batch_size: int, size: int) -> Iterator[list[Any]]:
    chunks = [list(articles[i:i + size]) for i in range(0, len(articles), size)]
    if n_process <= 1 or len(chunks) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for one in chunks:
            yield chunk_facts(one, pipeline, lexicon, batch_size)
        return
    _SHARED.update(pipeline=pipeline, lexicon=lexicon, batch_size=batch_size)
    try:
        with multiprocessing.get_context("fork").Pool(n_process) as pool:
            for sent in pool.imap(_work, chunks):
                yield loads(sent)
    finally:
        _SHARED.clear()


def _work(chunk: list[Article]) -> bytes:
    # pickled the cache's way: loaded here, their names and labels are the ones already in memory
    return dumps(chunk_facts(chunk, _SHARED["pipeline"], _SHARED["lexicon"], _SHARED["batch_size"]))


def chunk_facts(chunk: list[Article], pipeline: Language, lexicon: Any, batch_size: int = 64) -> list[Any]:
    """`facts_for` of each article of a chunk, parsed with `pipeline` (in a worker, local or Dask's)."""
    from .extract import facts_for

    return [facts_for(one, lexicon) for one in nlp.parse(chunk, pipeline, batch_size=batch_size)]
