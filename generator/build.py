"""`build()`: the one entry point the CLI and the tests share.

Stages: load settings and corpus (every problem at once) -> parse with spaCy -> extract
(per article, cached) -> combine -> render pages and briefing.json in memory -> swap into docs/
-> build the site into a staging folder -> swap into site/. Nothing is written until everything
before it has succeeded, so bad input leaves the last good docs/ and site/ as they were.
"""
from __future__ import annotations

import gc
import hashlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast

from . import __version__
from . import cache as cache_mod
from . import corpus as corpus_mod
from . import nlp, output, per_article
from .config import SETTINGS_FILE, Project, Settings, load_settings
from .errors import BriefingError, Problem
from .forked import Forked
from .model import Article, Briefing

if TYPE_CHECKING:
    from .extract import ArticleFacts
    from .extract.lexicon import Lexicon

JSON_NAME = "briefing.json"
GENERATED = "generated.pickle"  # in the cache folder: the last generation, by its inputs
SOURCE_PAGES = "sources"  # in the cache folder: articles' pages, by everything they are made from
DOCS_RECORD = "docs-written.pickle"  # in the cache folder: what write_docs wrote, to link unchanged pages
# Below this many uncached articles a second process costs more than it saves (measured with
# bench/: forked workers start in milliseconds, but the sample's few articles split unevenly).
PARALLEL_FROM = 50
BATCH_SIZE = 64  # texts per spaCy batch (and per worker hand-off)


@dataclass
class Reporter:
    """Progress on stderr, one line per stage; silent with quiet."""

    quiet: bool = False
    stream: TextIO = field(default_factory=lambda: sys.stderr)
    started: float = field(default_factory=time.monotonic)
    _step_started: float | None = None

    def __call__(self, message: str) -> None:
        if not self.quiet:
            print(f"briefing: {message} ({time.monotonic() - self.started:.1f}s)", file=self.stream,
                  flush=True)

    def progress(self, done: int, total: int) -> None:
        """A progress bar for long steps, redrawn in place on a terminal, with the time left at
        the rate so far (local workers or a cluster alike); silent otherwise."""
        if self.quiet or not self.stream.isatty():
            return
        now = time.monotonic()
        if done == 0 or self._step_started is None:
            self._step_started = now
        width = 30
        filled = width * done // max(total, 1)
        end = "\n" if done >= total else ""
        spent = now - self._step_started
        left = f", about {_duration(spent / done * (total - done))} left" if 0 < done < total and spent > 1 else ""
        print(f"\rbriefing: [{'#' * filled}{'.' * (width - filled)}] {done}/{total} articles "
              f"({now - self.started:.0f}s{left})\x1b[K", end=end, file=self.stream, flush=True)

    def warn(self, problem: Problem) -> None:
        print(f"warning: {problem}", file=self.stream, flush=True)


def _duration(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    return f"{seconds // 60} min {seconds % 60:02d} s" if seconds >= 60 else f"{seconds} s"


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cycle collector while building large acyclic structures (cache entries, the
    combined briefing, pages): it would otherwise rescan every live object again and again, which
    took a third of a warm rebuild. Parsing runs outside, so spaCy's own garbage is collected.
    What the block built lives until the pages are written: it is frozen (left out of every
    collection) rather than handed to the next one, which scanned it all (1 s of adding an article
    to 1,599 real ones, 2 s with the collections after). `generate` unfreezes it when done."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.enable()


@contextmanager
def _collector_as_found() -> Iterator[None]:
    """Hand what `_no_gc` froze back to the collector, so that a program that goes on after
    generating (`mkdocs serve`, the tests) has its garbage collected as usual; one that had frozen
    objects of its own keeps them frozen."""
    frozen = gc.get_freeze_count()
    try:
        yield
    finally:
        if not frozen:
            gc.unfreeze()


@dataclass(frozen=True)
class Generated:
    briefing: Briefing
    files: dict[str, str | bytes]  # relative to docs/
    warnings: tuple[Problem, ...]


@dataclass(frozen=True)
class Inputs:
    settings: Settings
    corpus: corpus_mod.Corpus
    store: cache_mod.FactsCache
    ahead: Ahead | None = None  # the new articles, being parsed meanwhile (parse_ahead)


def load_inputs(project: Project, *, use_cache: bool = False, ahead: bool = False) -> Inputs:
    """Settings, corpus and the per-article cache, with the problems of settings and corpus
    reported together. Files the cache has seen are not parsed again; with `ahead`, the few it
    has not seen are parsed in a forked process while the others' entries load."""
    problems: list[Problem] = []
    settings = corpus = None
    try:
        settings = load_settings(project)
    except BriefingError as exc:
        problems += exc.problems
    store = _store(project, settings, use_cache)
    started = parse_ahead(project, settings, store) if ahead and settings is not None else None
    try:
        with _no_gc():
            corpus = corpus_mod.load(project.root, store.known)
    except BriefingError as exc:
        problems += exc.problems
    if problems or settings is None or corpus is None:
        if started is not None:
            started.cancel()
        raise BriefingError(problems)
    return Inputs(settings, corpus, store, started)


@dataclass(frozen=True)
class Ahead:
    """Articles missing from the cache, and their facts being computed in a forked process."""

    articles: tuple[Article, ...]
    work: Forked[tuple[str, list[Any]]]  # the pipeline's id and each article's facts

    def take(self, wanted: Sequence[Article], pipeline: str) -> dict[int, Any]:
        """The facts of those `wanted` articles that were parsed ahead, by their index in
        `wanted`: only for an article equal to the one parsed, with the pipeline the cache is
        keyed on, so they are exactly what parsing it now would give."""
        try:
            got_pipeline, facts = self.work.result()
        except Exception:  # noqa: BLE001 - parsed again here, where a real error is raised
            return {}
        if got_pipeline != pipeline:
            return {}
        ahead = {(a.path, a.sha256): (a, f) for a, f in zip(self.articles, facts)}
        out = {}
        for i, article in enumerate(wanted):
            found = ahead.get((article.path, article.sha256))
            if found is not None and found[0] == article:
                out[i] = found[1]
        return out

    def cancel(self) -> None:
        self.work.cancel()


def parse_ahead(project: Project, settings: Settings, store: cache_mod.FactsCache) -> Ahead | None:
    """Start parsing the articles the cache has not seen, when they are few (fewer than
    PARALLEL_FROM: more go to the worker pool) and others are cached: adding an article to a
    large corpus then takes the longer of parsing it and loading the others' entries, not their
    sum (1,599 real articles: 3.2 s to parse the one added, 2.3 s to load the rest). A file that
    cannot be read is left to the corpus's load, which reports it."""
    if store.folder is None:
        return None
    try:
        paths, _ = corpus_mod.listing(project.root / "corpus" / "articles")
    except OSError:
        return None
    cached: list[str] = []

    def in_cache(rel: str, digest: str) -> tuple[Article, tuple[Problem, ...]] | None:
        # read_article's own check, so each file is read and hashed the way the load does it;
        # a cached file is only counted here, its entry read by the load
        if not store.has(store.key(rel, digest)):
            return None
        cached.append(rel)
        return _SKIPPED, ()

    new: list[Article] = []
    for path in paths:
        problems: list[Problem] = []
        article = corpus_mod.read_article(path, corpus_mod.relative(path, project.root), problems, [], in_cache)
        if problems:
            return None  # the load reports them, and the build stops
        if article is not None and article is not _SKIPPED:  # None: a file without text, skipped
            new.append(article)
        if len(new) >= PARALLEL_FROM:
            return None
    if not new or not cached:
        return None
    return Ahead(tuple(new), Forked(_facts_ahead, new, settings.model, settings.corrections))


_SKIPPED = cast(Article, object())  # parse_ahead's answer for a file in the cache


def _facts_ahead(articles: list[Article], model: str | None, corrections: Any) -> tuple[str, list[Any]]:
    """In the forked process: what extract_facts would compute for these articles."""
    from .extract.lexicon import load_lexicon

    pipeline = nlp.load_pipeline(nlp.model_name(model))
    facts = per_article.extract_all(articles, pipeline, load_lexicon(corrections), batch_size=BATCH_SIZE)
    return nlp.pipeline_id(pipeline), facts


def _store(project: Project, settings: Settings | None, use_cache: bool,
           pipeline_id: str | None = None) -> cache_mod.FactsCache:
    """The cache for the configured pipeline, named by its installed meta.json: a rebuild with
    everything cached then never loads the model (nor, when disabled or unknown, any cache)."""
    if pipeline_id is None and use_cache and settings is not None:
        pipeline_id = nlp.installed_pipeline_id(nlp.model_name(settings.model))
    folder = project.cache / "facts" if use_cache and pipeline_id else None
    return cache_mod.FactsCache(folder, str(pipeline_id))


def extract_facts(project: Project, settings: Settings, corpus: corpus_mod.Corpus,
                  store: cache_mod.FactsCache, lexicon: Lexicon, report: Callable[[str], None], *,
                  use_cache: bool = True, jobs: int | None = None,
                  scheduler: str | None = None, ahead: Ahead | None = None) -> list[ArticleFacts]:
    """Every article's facts, in the corpus's order: cached ones reused, those parsed `ahead`
    taken, the rest parsed here (or, with `scheduler`, a Dask scheduler's address, on its
    workers) and stored."""
    keys, entries, todo = _lookup(store, corpus)
    uncached = len(todo)
    if ahead is not None:
        parsed = ahead.take([corpus.articles[i] for i in todo], store.pipeline) if todo else {}
        for k, one in parsed.items():
            _put(store, keys[todo[k]], one, corpus)
            entries[todo[k]] = store.get(keys[todo[k]])
        todo = [i for k, i in enumerate(todo) if k not in parsed]
    progress = getattr(report, "progress", None)
    fresh: list[Any] = []
    stored = False  # whether the fresh entries went into the cache as they came back
    if todo and scheduler:
        from .distribute import extract_on_cluster

        report(f"{len(corpus.articles)} articles, {len(corpus.articles) - len(todo)} from cache; "
               f"parsing {len(todo)} with {store.pipeline} on the cluster at {scheduler}")
        fresh = extract_on_cluster([corpus.articles[i] for i in todo], scheduler, settings.model, lexicon,
                                   _cluster_pipeline(settings), progress=progress)
    else:
        pipeline = nlp.load_pipeline(nlp.model_name(settings.model)) if todo else None
        if pipeline is not None and nlp.pipeline_id(pipeline) != store.pipeline:
            # Not the pipeline its meta.json named (or none did): look again under the loaded one.
            store = _store(project, settings, use_cache, nlp.pipeline_id(pipeline))
            keys, entries, todo = _lookup(store, corpus)
            uncached = len(todo)
        report(f"{len(corpus.articles)} articles, {len(corpus.articles) - uncached} from cache; "
               f"parsing {uncached} with {store.pipeline}")
        if todo:
            assert pipeline is not None  # loaded above whenever something is left to parse
            n_process = jobs or (min(2, os.cpu_count() or 1) if len(todo) >= PARALLEL_FROM else 1)
            # each entry is stored as it comes back: this process would otherwise wait for the
            # workers, then write every entry (some seconds at a thousand real articles)
            fresh = per_article.extract_all([corpus.articles[i] for i in todo], pipeline, lexicon,
                                            n_process=n_process, batch_size=BATCH_SIZE, progress=progress,
                                            each=lambda k, one: _put(store, keys[todo[k]], one, corpus))
            stored = True
    facts = [e.facts if e else None for e in entries]
    for i, one in zip(todo, fresh):
        facts[i] = one
        if not stored:
            _put(store, keys[i], one, corpus)
    store.prune(set(keys))
    extracted = [f for f in facts if f is not None]
    assert len(extracted) == len(facts)  # each article came from the cache or was just extracted
    return extracted


def _put(store: cache_mod.FactsCache, key: str, one: Any, corpus: corpus_mod.Corpus) -> None:
    # the parsed article (with its sentences) serves the corpus as well: stored once
    store.put(key, cache_mod.Entry(one.article, tuple(w for w in corpus.warnings if w.path == one.article.path),
                                   one))


def _cluster_pipeline(settings: Settings) -> str:
    """The pipeline the workers must have: the one installed here, which keys the local cache."""
    found = nlp.installed_pipeline_id(nlp.model_name(settings.model))
    if found is None:
        raise BriefingError([Problem("spaCy", None, "the configured pipeline is not installed here, so "
                                     "results from the cluster could not be keyed in the local cache",
                                     "install the same pipeline here as on the workers")])
    return found


def _lookup(store: cache_mod.FactsCache, corpus: corpus_mod.Corpus
            ) -> tuple[list[str], list[cache_mod.Entry | None], list[int]]:
    """Each article's cache key and entry, and the indexes of the articles not in the cache."""
    keys = [store.key(a.path, a.sha256) for a in corpus.articles]
    with _no_gc():
        entries = [store.get(k) for k in keys]
    return keys, entries, [i for i, e in enumerate(entries) if e is None]


def generate(project: Project, report: Callable[[str], None] | None = None, *,
             use_cache: bool = True, previous: dict[str, Any] | None = None,
             scheduler: str | None = None) -> Generated:
    """Everything that goes into docs/, in memory (the front-end files go into the site only)."""
    report = report or (lambda message: None)
    key = inputs_key(project, previous) if use_cache else None
    with _collector_as_found():
        # The same inputs (articles, settings, previous briefing, generator) give the same pages:
        # reuse the last generation's rather than combining and rendering again.
        with _no_gc():
            reused = _unpack(cache_mod.read(project.cache / GENERATED, key)) if key else None
        if reused is not None:
            briefing, pages, warnings = reused
            report("nothing changed since the last generation: reusing its pages")
        else:
            briefing, pages, warnings, packed = _generate(project, report, use_cache, previous, scheduler,
                                                          keep=key is not None)
            if key:
                with _no_gc():
                    cache_mod.write(project.cache / GENERATED, (packed, pages), key)
    return Generated(briefing, dict(pages), warnings)


def _unpack(stored: Any) -> tuple[Briefing, dict[str, str | bytes], tuple[Problem, ...]] | None:
    """The briefing, pages and warnings of the last generation, from GENERATED: the briefing and
    warnings pickled apart (`_generate` pickles them while the pages are rendered), the pages."""
    if not (isinstance(stored, tuple) and len(stored) == 2 and isinstance(stored[0], bytes)):
        return None
    try:
        briefing, warnings = cache_mod.loads(stored[0])
    except cache_mod.UNREADABLE:
        return None
    return briefing, stored[1], warnings


def _generate(project: Project, report: Callable[[str], None], use_cache: bool,
              previous: dict[str, Any] | None, scheduler: str | None = None, *, keep: bool = False
              ) -> tuple[Briefing, dict[str, str | bytes], tuple[Problem, ...], bytes]:
    """The briefing, its pages and warnings, and (with `keep`) the briefing and warnings pickled
    for GENERATED."""
    from .diff import whats_new_page
    from .export import json_text, to_data
    from .extract import combine, forks_beside
    from .extract.lexicon import load_lexicon

    inputs = load_inputs(project, use_cache=use_cache, ahead=use_cache and not scheduler)
    settings, warnings = inputs.settings, inputs.corpus.warnings
    lexicon = load_lexicon(settings.corrections)
    try:
        facts = extract_facts(project, settings, inputs.corpus, inputs.store, lexicon, report,
                              use_cache=use_cache, scheduler=scheduler, ahead=inputs.ahead)
    finally:
        if inputs.ahead is not None:
            inputs.ahead.cancel()  # taken by now, unless extraction failed
    # The corpus as read goes before the corpus step: articles parsed by workers came back
    # with their own copy of the text (about 50 MB at 10,000 articles).
    del inputs
    report("extracting players, timeline, comparisons and questions")
    with _no_gc():
        briefing = combine(facts, settings, lexicon)
    # Every article's facts (most of the memory of a large corpus) are done with: what the
    # briefing keeps of them stays, the rest goes before the pages take their place.
    del facts
    report(f"rendering {len(briefing.listed_players)} players ({len(briefing.named_players)} more named), "
           f"{len(briefing.events)} events, "
           f"{len(briefing.questions)} questions")
    sources = cache_mod.Store(project.cache / SOURCE_PAGES if use_cache else None, str)
    # The pages are rendered in a forked process while this one writes briefing.json and pickles
    # the briefing for the next run: 1,599 real articles' pages take 2.5-3 s, the rest 2 s.
    rendering = Forked(_render_pages, briefing, sources,
                       fork=forks_beside(len(briefing.articles)))
    with _no_gc():
        data = to_data(briefing)  # once for briefing.json and the What's new page
        written = json_text(data)
        whats_new = whats_new_page(previous, data)
        del data
        packed = cache_mod.dumps((briefing, warnings), shared=False) if keep else b""
    pages: dict[str, str | bytes] = dict(rendering.result())
    pages[JSON_NAME] = written
    pages["whats-new.md"] = whats_new
    return briefing, pages, warnings, packed


def _render_pages(briefing: Briefing, sources: cache_mod.Store[str]) -> dict[str, str]:
    from .render import render_pages

    with _no_gc():
        pages = render_pages(briefing, sources)
    sources.prune(sources.used)
    return pages


def inputs_key(project: Project, previous: dict[str, Any] | None) -> str | None:
    """A hash of everything the pages depend on, or None when it cannot be had cheaply (then
    the inputs are loaded and checked in full)."""
    try:
        settings = load_settings(project)
    except BriefingError:
        return None
    pipeline = nlp.installed_pipeline_id(nlp.model_name(settings.model))
    articles = corpus_mod.fingerprint(project.root)
    if pipeline is None or articles is None:
        return None
    try:
        settings_bytes = (project.root / SETTINGS_FILE).read_bytes()
    except OSError:
        settings_bytes = b""
    parts = [cache_mod.SCHEMA, __version__, cache_mod.package_fingerprint(), pipeline, articles,
             hashlib.sha256(settings_bytes).hexdigest(),
             hashlib.sha256(json.dumps(previous, sort_keys=True).encode()).hexdigest()]
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()


def write_docs(project: Project, generated: Generated) -> None:
    output.replace_tree(project.docs, generated.files, record=project.cache / DOCS_RECORD)


def build_site(project: Project, report: Callable[[str], None]) -> None:
    """Build docs/ into site/ through a staging folder."""
    from .site import LEAN_PAGES, SEARCH_SECTIONS
    from .site import build_site as mkdocs_build

    report("building the site")
    output.fill_and_swap(project.site, lambda staging: mkdocs_build(
        project.root, project.docs, staging, search_sections=SEARCH_SECTIONS, lean_pages=LEAN_PAGES))


def build(project: Project, report: Callable[[str], None] | None = None, *, site: bool = True,
          use_cache: bool = True, previous: Path | None = None, strict: bool = False,
          scheduler: str | None = None) -> Generated:
    """Generate pages and briefing.json into docs/, then (with `site`) the site into site/.
    With `strict`, a warning (an empty article skipped, an unknown field ignored) fails the build
    before anything is written, as `mkdocs build --strict` does. With `scheduler`, the articles
    not in the cache are parsed on that Dask cluster (generator/distribute.py)."""
    report = report or (lambda message: None)
    output.recover(project.docs)
    output.recover(project.site)
    generated = generate(project, report, use_cache=use_cache, previous=read_previous(previous),
                         scheduler=scheduler)
    if strict:
        refuse_warnings(generated)
    write_docs(project, generated)
    report(f"wrote {len(generated.files)} files to docs/")
    if site:
        build_site(project, report)
        report("site ready in site/")
    return generated


def read_previous(path: Path | None) -> dict[str, Any] | None:
    """The previously published briefing.json, for the What's new page."""
    if path is None:
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BriefingError([Problem(str(path), None, f"cannot read the previous briefing.json: {exc}")]) from None
    if not isinstance(data, dict):
        raise BriefingError([Problem(str(path), None, "not a briefing.json: expected a JSON object")])
    return data


def stale_files(project: Project, generated: Generated) -> list[str]:
    """Paths under docs/ that differ from what the corpus generates now."""
    current = output.read_tree(project.docs)
    fresh = {rel: c.encode("utf-8") if isinstance(c, str) else c for rel, c in generated.files.items()}
    return sorted(rel for rel in set(current) | set(fresh) if current.get(rel) != fresh.get(rel))


def refuse_warnings(generated: Generated) -> None:
    """Raise the warnings of a generation as problems (strict mode)."""
    if generated.warnings:
        raise BriefingError([replace(w, hint=w.hint or "strict: warnings are errors; fix the file, "
                                     "or build without --strict") for w in generated.warnings])


def check(project: Project, report: Callable[[str], None] | None = None) -> Sequence[str]:
    """Validate the corpus, strictly (warnings are problems), and return the committed pages
    that are stale (empty when fresh)."""
    generated = generate(project, report)
    refuse_warnings(generated)
    return stale_files(project, generated)
