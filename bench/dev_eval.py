"""Score extraction on the development stories in seconds, for iterating on extractors.

    .venv/bin/python bench/dev_eval.py [--dev ../shared/eval/dev] [--set articles|full]
                                       [--story NAME ...] [--json OUT.json] [--keep DIR]

`make eval` (../shared/eval/table.py) is the yardstick: it builds each story from a fresh
`briefing new` with `briefing build`, site included, which takes minutes. This script gives the
same scores (the same scorer on the same briefing.json content) without the site, and keeps
each paragraph's spaCy parse in a cache keyed by the paragraph's text and the pipeline, so after
the first run only extraction runs again. Check a change here, then confirm it with `make eval`.
`--keep DIR` writes each story's briefing.json to DIR/<story>.json, for reading what was
extracted.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's generator, whichever one is installed


class ParseCache:
    """spaCy Docs of paragraph texts, stored as bytes under a hash of the text and pipeline."""

    def __init__(self, folder: Path, pipeline_id: str) -> None:
        self.path = folder / f"docs-{pipeline_id}.pickle"
        self.data: dict[str, bytes] = {}
        if self.path.exists():
            with self.path.open("rb") as stream:
                self.data = pickle.load(stream)
        self.dirty = False

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def save(self) -> None:
        if self.dirty:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(f".{os.getpid()}.tmp")  # runs may overlap
            with tmp.open("wb") as stream:
                pickle.dump(self.data, stream, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(self.path)


def parse_cached(articles, pipeline, cache: ParseCache):
    """nlp.parse(), with each paragraph's Doc taken from the cache when its text was seen."""
    from spacy.tokens import Doc

    from generator import nlp

    def parsed(p) -> bool:  # as nlp.parse: tables and page furniture are not parsed
        return p.kind != "table" and not p.furniture

    texts = {p.text for a in articles for p in a.paragraphs if parsed(p)}
    missing = sorted(t for t in texts if cache.key(t) not in cache.data)
    for doc in pipeline.pipe(missing, batch_size=64):
        cache.data[cache.key(doc.text)] = doc.to_bytes(exclude=["tensor", "user_data"])
        cache.dirty = True
    out = []
    for article in articles:
        docs = [Doc(pipeline.vocab).from_bytes(cache.data[cache.key(p.text)]) if parsed(p) else None
                for p in article.paragraphs]
        out.append(nlp.attach(article, docs))
    return out, len(missing)


def story_project(story: Path, which: str, work: Path):
    """A `briefing new` project whose articles are the story's (symlinked folder)."""
    from generator.config import Project
    from generator.scaffold import briefing_yml

    root = work / story.name
    (root / "corpus").mkdir(parents=True, exist_ok=True)
    (root / "corpus" / "briefing.yml").write_text(briefing_yml("A developing story"), encoding="utf-8")
    link = root / "corpus" / "articles"
    if not link.exists():
        link.symlink_to((story / which).resolve(), target_is_directory=True)
    return Project(root)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", default=str(ROOT.parent / "shared" / "eval" / "dev"))
    ap.add_argument("--set", default="articles", choices=("articles", "full"))
    ap.add_argument("--story", action="append", default=[])
    ap.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "briefing-dev-parses"))
    ap.add_argument("--keep", default=None, help="write each story's briefing.json into this folder")
    args = ap.parse_args()

    sys.path.insert(0, str(Path(args.dev).resolve().parent))
    from score import score  # ../shared/eval/score.py
    from table import COLUMNS  # the yardstick's own columns, so the two tables match

    from generator import corpus as corpus_mod
    from generator import nlp
    from generator.config import load_settings
    from generator.errors import BriefingError
    from generator.export import to_json
    from generator.extract import combine, facts_for
    from generator.extract.lexicon import load_lexicon

    dev = Path(args.dev)
    stories = sorted(p for p in dev.iterdir() if (p / args.set).is_dir()
                     and (dev / f"{p.name}.gold.yaml").exists() and (not args.story or p.name in args.story))
    pipeline = nlp.load_pipeline()
    cache = ParseCache(Path(args.cache), nlp.pipeline_id(pipeline))
    keep = Path(args.keep) if args.keep else None
    if keep:
        keep.mkdir(parents=True, exist_ok=True)
    import yaml

    rows = []
    print("| story | articles | s | " + " | ".join(c for _, c in COLUMNS) + " |")
    print("|---" * (len(COLUMNS) + 3) + "|")
    with tempfile.TemporaryDirectory(prefix="briefing-dev-") as tmp:
        for story in stories:
            started = time.perf_counter()
            project = story_project(story, args.set, Path(tmp))
            try:
                settings = load_settings(project)
                corpus = corpus_mod.load(project.root)
            except BriefingError as exc:
                print(f"| {story.name} | | | load failed: {exc.problems[0]} |")
                continue
            parsed, fresh = parse_cached(corpus.articles, pipeline, cache)
            cache.save()
            lexicon = load_lexicon(settings.corrections)
            briefing = combine([facts_for(p, lexicon) for p in parsed], settings, lexicon)
            text = to_json(briefing)
            if keep:
                (keep / f"{story.name}.json").write_text(text, encoding="utf-8")
            gold = yaml.safe_load((dev / f"{story.name}.gold.yaml").read_text(encoding="utf-8"))
            m = score(gold, json.loads(text))
            rows.append(m)
            cells = [f"{m[k]:.2f}" if isinstance(m.get(k), float) else str(m.get(k, "–")) for k, _ in COLUMNS]
            secs = time.perf_counter() - started
            print(f"| {story.name} | {len(corpus.articles)} | {secs:.0f} | " + " | ".join(cells) + " |",
                  flush=True)
    if rows:
        means = []
        for k, _ in COLUMNS:
            vals = [r[k] for r in rows if isinstance(r.get(k), (int, float))]
            means.append(f"{sum(vals) / len(vals):.2f}" if vals else "–")
        print("| mean | | | " + " | ".join(means) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
