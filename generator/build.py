"""`build()`: the one entry point the CLI and the tests share.

Stages: load settings and corpus (every problem at once) -> parse with spaCy -> extract
(per article, cached) -> combine -> render pages and briefing.json in memory -> swap into docs/
-> build the site into a staging folder -> swap into site/. Nothing is written until everything
before it has succeeded, so bad input leaves the last good docs/ and site/ as they were.
"""
from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from . import cache as cache_mod
from . import corpus as corpus_mod
from . import nlp, output, per_article
from .config import Project, Settings, load_settings
from .errors import BriefingError, Problem
from .model import Briefing

JSON_NAME = "briefing.json"
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

    def __call__(self, message: str) -> None:
        if not self.quiet:
            print(f"briefing: {message} ({time.monotonic() - self.started:.1f}s)", file=self.stream,
                  flush=True)

    def progress(self, done: int, total: int) -> None:
        """A progress bar for long steps, redrawn in place on a terminal; silent otherwise."""
        if self.quiet or not self.stream.isatty():
            return
        width = 30
        filled = width * done // max(total, 1)
        end = "\n" if done >= total else ""
        print(f"\rbriefing: [{'#' * filled}{'.' * (width - filled)}] {done}/{total} articles "
              f"({time.monotonic() - self.started:.0f}s)", end=end, file=self.stream, flush=True)

    def warn(self, problem: Problem) -> None:
        print(f"warning: {problem}", file=self.stream, flush=True)


@dataclass(frozen=True)
class Generated:
    briefing: Briefing
    files: dict[str, str | bytes]  # relative to docs/
    warnings: tuple[Problem, ...]


def load_inputs(project: Project) -> tuple[Settings, corpus_mod.Corpus]:
    """Settings and corpus, with the problems of both reported together."""
    problems: list[Problem] = []
    settings = corpus = None
    try:
        settings = load_settings(project)
    except BriefingError as exc:
        problems += exc.problems
    try:
        corpus = corpus_mod.load(project.root)
    except BriefingError as exc:
        problems += exc.problems
    if problems or settings is None or corpus is None:
        raise BriefingError(problems)
    return settings, corpus


def extract_briefing(project: Project, settings: Settings, corpus: corpus_mod.Corpus,
                     report: Callable[[str], None], *, use_cache: bool = True,
                     jobs: int | None = None) -> Briefing:
    """Parse and extract, reusing cached per-article results."""
    from .extract import combine
    from .extract.lexicon import load_lexicon

    name = nlp.model_name(settings.model)
    lexicon = load_lexicon(settings.corrections)
    # The pipeline is named by its installed meta.json, and loaded only when some article is not
    # in the cache: a rebuild with everything cached then skips loading the model.
    pipeline = None if use_cache and nlp.installed_pipeline_id(name) else nlp.load_pipeline(name)
    pipeline_id = nlp.pipeline_id(pipeline) if pipeline else nlp.installed_pipeline_id(name)
    store = cache_mod.FactsCache(project.cache / "facts" if use_cache else None, str(pipeline_id))
    keys = [store.key(a.id, a.path, a.sha256) for a in corpus.articles]
    facts: list[Any] = [store.get(k) for k in keys]
    todo = [i for i, f in enumerate(facts) if f is None]
    if todo and pipeline is None:
        pipeline = nlp.load_pipeline(name)
        if nlp.pipeline_id(pipeline) != pipeline_id:  # not the pipeline its meta.json named
            pipeline_id = nlp.pipeline_id(pipeline)
            store = cache_mod.FactsCache(project.cache / "facts", pipeline_id)
            keys = [store.key(a.id, a.path, a.sha256) for a in corpus.articles]
            facts = [store.get(k) for k in keys]
            todo = [i for i, f in enumerate(facts) if f is None]
    report(f"{len(corpus.articles)} articles, {len(corpus.articles) - len(todo)} from cache; "
           f"parsing {len(todo)} with {pipeline_id}")
    if todo:
        assert pipeline is not None  # loaded above whenever something is left to parse
        n_process = jobs or (min(2, os.cpu_count() or 1) if len(todo) >= PARALLEL_FROM else 1)
        progress = getattr(report, "progress", None)
        fresh = per_article.extract_all([corpus.articles[i] for i in todo], pipeline, lexicon,
                                        n_process=n_process, batch_size=BATCH_SIZE, progress=progress)
        for i, one in zip(todo, fresh):
            facts[i] = one
            store.put(keys[i], one)
    report("extracting players, timeline, comparisons and questions")
    return combine(facts, settings, lexicon)


def generate(project: Project, report: Callable[[str], None] | None = None, *,
             use_cache: bool = True, previous: dict[str, Any] | None = None) -> Generated:
    """Everything that goes into docs/, in memory."""
    from .diff import whats_new_page
    from .export import to_data, to_json
    from .render import asset_files, render_pages

    report = report or (lambda message: None)
    settings, corpus = load_inputs(project)
    briefing = extract_briefing(project, settings, corpus, report, use_cache=use_cache)
    report(f"rendering {len(briefing.players)} players, {len(briefing.events)} events, "
           f"{len(briefing.questions)} questions")
    files: dict[str, str | bytes] = dict(render_pages(briefing))
    files.update(asset_files())
    files[JSON_NAME] = to_json(briefing)
    files["whats-new.md"] = whats_new_page(previous, to_data(briefing))
    return Generated(briefing, files, corpus.warnings)


def write_docs(project: Project, generated: Generated) -> None:
    output.replace_tree(project.docs, generated.files)


def build_site(project: Project, report: Callable[[str], None]) -> None:
    """Build docs/ into site/ through a staging folder."""
    from .render import LEAN_PAGES, SEARCH_SECTIONS
    from .site import build_site as mkdocs_build

    report("building the site")
    output.fill_and_swap(project.site, lambda staging: mkdocs_build(
        project.root, project.docs, staging, search_sections=SEARCH_SECTIONS, lean_pages=LEAN_PAGES))


def build(project: Project, report: Callable[[str], None] | None = None, *, site: bool = True,
          use_cache: bool = True, previous: Path | None = None) -> Generated:
    """Generate pages and briefing.json into docs/, then (with `site`) the site into site/."""
    report = report or (lambda message: None)
    output.recover(project.docs)
    output.recover(project.site)
    generated = generate(project, report, use_cache=use_cache, previous=read_previous(previous))
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


def check(project: Project, report: Callable[[str], None] | None = None) -> Sequence[str]:
    """Validate the corpus and return the committed pages that are stale (empty when fresh)."""
    generated = generate(project, report)
    return stale_files(project, generated)
