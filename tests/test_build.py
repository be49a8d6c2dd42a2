"""The whole pipeline on this repository's corpus: outputs, determinism, staleness, caching."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator import build as build_mod
from generator.cli import main
from generator.config import Project
from generator.errors import BriefingError

pytestmark = pytest.mark.slow


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_build_writes_pages_json_and_site(built_sample: Path) -> None:
    docs, site = built_sample / "docs", built_sample / "site"
    for page in ("index.md", "players/index.md", "timeline.md", "comparison.md", "questions.md",
                 "sources/index.md", "whats-new.md", "briefing.json"):
        assert (docs / page).is_file(), page
    assert (site / "index.html").is_file()
    assert json.loads((site / "briefing.json").read_text()) == json.loads((docs / "briefing.json").read_text())
    data = json.loads((docs / "briefing.json").read_text())
    assert {a["id"] for a in data["articles"]} == {p.stem for p in (built_sample / "corpus/articles").glob("*.md")}
    assert data["players"] and data["events"] and data["questions"]


def test_every_cited_sentence_is_verbatim_in_its_article(built_sample: Path) -> None:
    data = json.loads((built_sample / "docs" / "briefing.json").read_text())
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (built_sample / "corpus/articles").glob("*.md")}
    cited = [s for e in data["events"] for s in e["sources"]]
    cited += [s for q in data["questions"] for s in q["sources"]]
    cited += [c for d in data["disagreements"] for claim in d["claims"] for c in claim["sources"]]
    cited += [q["source"] for p in data["players"] for q in p["quotes"]]
    assert cited
    for source in cited:
        if source["sentence"]:
            assert source["quote"] in texts[source["article"]], source
    for player in data["players"]:
        for quote in player["quotes"]:
            assert quote["text"] in quote["source"]["quote"], quote


def test_two_builds_are_byte_identical(built_sample: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    shutil.copytree(built_sample, again, ignore=shutil.ignore_patterns("docs", "site", ".briefing-cache"))
    build_mod.build(Project(again), site=False, use_cache=False)
    assert tree(again / "docs") == tree(built_sample / "docs")


def test_check_passes_when_fresh_and_fails_when_stale(built_sample: Path, tmp_path: Path, capsys) -> None:
    project = tmp_path / "p"
    shutil.copytree(built_sample, project, ignore=shutil.ignore_patterns("site", ".briefing-cache"))
    assert main(["check", "-q", "--project", str(project)]) == 0
    article = sorted((project / "corpus/articles").glob("*.md"))[0]
    article.write_text(article.read_text(encoding="utf-8") + "\nA new closing line was added to this article.\n",
                       encoding="utf-8")
    capsys.readouterr()
    assert main(["check", "-q", "--project", str(project)]) == 1
    err = capsys.readouterr().err
    assert f"docs/sources/{article.stem}.md: stale: differs from what the corpus generates" in err
    assert "hint: run `briefing generate` and commit docs/" in err


def test_cache_reuses_unchanged_articles(sample_project: Path) -> None:
    lines: list[str] = []
    build_mod.build(Project(sample_project), lines.append, site=False)
    first = (sample_project / "docs" / "briefing.json").read_bytes()
    lines.clear()
    build_mod.build(Project(sample_project), lines.append, site=False)
    assert any("nothing changed since the last generation" in line for line in lines), lines
    assert (sample_project / "docs" / "briefing.json").read_bytes() == first
    # new settings: the pages are made again, from every article's cached facts
    settings = sample_project / "corpus" / "briefing.yml"
    settings.write_text(settings.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    lines.clear()
    build_mod.build(Project(sample_project), lines.append, site=False)
    assert any("5 from cache; parsing 0" in line for line in lines), lines
    assert (sample_project / "docs" / "briefing.json").read_bytes() == first


def test_source_pages_made_from_the_same_inputs_are_not_rendered_again(sample_project: Path, monkeypatch) -> None:
    from generator import render

    build_mod.build(Project(sample_project), site=False)
    first = {p.name: p.read_bytes() for p in (sample_project / "docs" / "sources").glob("*.md")}
    rendered: list[str] = []
    original = render._render

    def counting(template: str, origin: str, **context):
        rendered.append(template)
        return original(template, origin, **context)

    monkeypatch.setattr(render, "_render", counting)
    settings = sample_project / "corpus" / "briefing.yml"  # new settings: every page is made again
    settings.write_text(settings.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    build_mod.build(Project(sample_project), site=False)
    assert "source.md.j2" not in rendered and "index.md.j2" in rendered
    assert {p.name: p.read_bytes() for p in (sample_project / "docs" / "sources").glob("*.md")} == first
    rendered.clear()
    build_mod.build(Project(sample_project), site=False, use_cache=False)
    assert rendered.count("source.md.j2") == len(first) - 1  # sources/index.md is the list of them


def test_a_build_with_nothing_to_parse_does_not_load_spacy(sample_project: Path) -> None:
    """Importing spaCy takes most of a second, a large share of a small briefing's rebuild."""
    import subprocess
    import sys

    build_mod.build(Project(sample_project), site=False)  # fills the cache
    code = ("import sys; from generator.cli import main; code = main(['build', '-q']); "
            "print(code, 'spacy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], cwd=sample_project, capture_output=True, text=True,
                          check=True)
    assert done.stdout.split() == ["0", "False"], done.stdout + done.stderr


def test_committed_pages_are_fresh() -> None:
    """The docs/ committed in this repository match the corpus (what `briefing check` enforces)."""
    root = Path(__file__).resolve().parent.parent
    assert build_mod.check(Project(root)) == []


def test_cached_rebuild_keeps_warnings_and_reparses_only_what_changed(sample_project: Path) -> None:
    articles = sorted((sample_project / "corpus/articles").glob("*.md"))
    first = articles[0]
    first.write_text(first.read_text(encoding="utf-8").replace("---\n", "---\nsection: World\n", 1),
                     encoding="utf-8")
    build_mod.build(Project(sample_project), site=False)
    lines: list[str] = []
    generated = build_mod.build(Project(sample_project), lines.append, site=False)
    assert any("nothing changed" in line for line in lines), lines
    assert [str(w) for w in generated.warnings if "section" in str(w)], generated.warnings
    (sample_project / ".briefing-cache" / build_mod.GENERATED).unlink()
    lines.clear()
    generated = build_mod.build(Project(sample_project), lines.append, site=False)
    assert any("5 from cache; parsing 0" in line for line in lines), lines
    assert [str(w) for w in generated.warnings if "section" in str(w)], generated.warnings
    articles[1].write_text(articles[1].read_text(encoding="utf-8") + "\nOne more sentence was added.\n",
                           encoding="utf-8")
    lines.clear()
    build_mod.build(Project(sample_project), lines.append, site=False)
    assert any("4 from cache; parsing 1" in line for line in lines), lines


def test_a_build_leaves_the_cycle_collector_as_it_found_it(sample_project: Path) -> None:
    import gc

    # the build pauses it while it loads and combines; a program calling build() keeps its own
    assert gc.isenabled()
    build_mod.build(Project(sample_project), site=False)
    assert gc.isenabled() and gc.get_freeze_count() == 0  # what it froze is collected again
    gc.disable()
    try:
        build_mod.build(Project(sample_project), site=False, use_cache=False)
        assert not gc.isenabled()
    finally:
        gc.enable()
    broken = sorted((sample_project / "corpus" / "articles").glob("*.md"))[0]
    broken.write_text("---\npublished: 6 March\n---\nText.\n", encoding="utf-8")
    with pytest.raises(BriefingError):
        build_mod.build(Project(sample_project), site=False)
    assert gc.isenabled()


def test_unreadable_cache_entries_are_recomputed(sample_project: Path) -> None:
    build_mod.build(Project(sample_project), site=False)
    first = (sample_project / "docs" / "briefing.json").read_bytes()
    entries = sorted((sample_project / ".briefing-cache" / "facts").rglob("*.pickle"))
    assert len(entries) == 5
    entries[0].write_bytes(b"not a pickle")
    entries[1].write_bytes(entries[1].read_bytes()[:100])
    (sample_project / ".briefing-cache" / build_mod.GENERATED).write_bytes(b"\x80garbage")
    lines: list[str] = []
    build_mod.build(Project(sample_project), lines.append, site=False)
    assert any("3 from cache; parsing 2" in line for line in lines), lines
    assert (sample_project / "docs" / "briefing.json").read_bytes() == first


def test_cache_pickles_frozen_model_objects_faithfully(tmp_path: Path) -> None:
    from generator import cache
    from generator.model import PartialDate, SourceRef

    ref = SourceRef("a1", 2, 3, "A quoted sentence.")
    value = {"refs": (ref, ref), "date": PartialDate(2026, 3, None), "plain": [1, "x", None]}
    cache.write(tmp_path / "value.pickle", value)
    back = cache.read(tmp_path / "value.pickle")
    assert back == value and back["refs"][0] is back["refs"][1]


def test_cache_entries_share_their_names_in_memory(tmp_path: Path) -> None:
    """A name every article mentions is one string once the entries are loaded, not one per
    entry (most of a large corpus's memory was such copies)."""
    from generator import cache

    for n, parts in enumerate((["Department", " of Defense"], ["Department of", " Defense"])):
        cache.write(tmp_path / f"{n}.pickle", {"names": ("".join(parts),), "sentence": "x" * 500})
    first, second = cache.read(tmp_path / "0.pickle"), cache.read(tmp_path / "1.pickle")
    assert first == second and first["names"][0] is second["names"][0]
    assert cache.loads(cache.dumps(first))["names"][0] is first["names"][0]


def test_cache_entry_written_for_other_fields_is_not_read(tmp_path: Path) -> None:
    """An entry pickled when a class had another number of fields (older code) is skipped and
    recomputed, never loaded with its values shifted into the wrong fields."""
    import pickle

    from generator import cache
    from generator.model import SourceRef

    old = _Call(cache._restore, (SourceRef, ("a1", 2, 3, "A quoted sentence.", "a field since removed")))
    (tmp_path / "old.pickle").write_bytes(pickle.dumps(old))
    assert cache.read(tmp_path / "old.pickle") is None


class _Call:
    """Pickles as a call of `fn` with `args`, as the cache's pickler writes a frozen object."""

    def __init__(self, fn, args) -> None:
        self.fn, self.args = fn, args

    def __reduce__(self):
        return self.fn, self.args


def test_cache_value_stored_under_a_key_is_only_given_for_that_key(tmp_path: Path) -> None:
    from generator import cache

    cache.write(tmp_path / "generated.pickle", ("pages",), "inputs-1")
    assert cache.read(tmp_path / "generated.pickle", "inputs-1") == ("pages",)
    assert cache.read(tmp_path / "generated.pickle", "inputs-2") is None


def test_cache_drops_entries_nothing_uses_once_they_pile_up(tmp_path: Path) -> None:
    from generator import cache

    store = cache.FactsCache(tmp_path, "pipeline-1")
    for n in range(120):
        cache.write(tmp_path / f"{n:02d}"[-2:] / f"{n:064d}.pickle", n)
    kept = store.key("corpus/articles/a.md", "0" * 64)
    cache.write(tmp_path / kept[:2] / f"{kept}.pickle", "kept")
    store.prune({kept})
    assert [p.stem for p in tmp_path.glob("??/*.pickle")] == [kept]
    cache.write(tmp_path / "00" / f"{0:064d}.pickle", 0)
    store.prune({kept})  # two entries are no pile: both stay
    assert len(list(tmp_path.glob("??/*.pickle"))) == 2


def test_briefing_json_has_one_field_or_item_per_line(built_sample: Path) -> None:
    import json

    text = (built_sample / "docs" / "briefing.json").read_text(encoding="utf-8")
    data = json.loads(text)
    lines = text.splitlines()
    assert len(lines) == 2 + sum(len(v) + 2 if isinstance(v, list) and v else 1 for v in data.values())
    items = [line.rstrip(",") for line in lines if line.startswith("{") and len(line) > 1]
    assert all(isinstance(json.loads(item), dict) for item in items)
    assert "<" not in text and ">" not in text


def test_an_added_article_is_parsed_while_the_cache_loads_and_gives_the_same_pages(
        sample_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    articles = sorted((sample_project / "corpus" / "articles").glob("*.md"))
    held = articles[-1].read_bytes()
    articles[-1].unlink()
    build_mod.build(Project(sample_project), site=False)
    articles[-1].write_bytes(held)
    taken: list[int] = []
    take = build_mod.Ahead.take
    monkeypatch.setattr(build_mod.Ahead, "take", lambda self, *a: taken.append(len(r := take(self, *a))) or r)
    lines: list[str] = []
    added = build_mod.build(Project(sample_project), lines.append, site=False)
    assert taken == [1]  # parsed in the forked process, not again here
    assert any("4 from cache; parsing 1" in line for line in lines), lines
    assert added.files == build_mod.generate(Project(sample_project), use_cache=False).files


def test_what_is_made_in_forked_processes_is_the_same(sample_project: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The timeline, the questions and the pages are made in child processes on a large corpus;
    they must be what this process would have made."""
    from generator import extract
    from generator.forked import Forked

    here = build_mod.generate(Project(sample_project), use_cache=False)
    monkeypatch.setattr(extract, "FORK_FROM", 1)
    forked_here: list[str] = []
    start = Forked.__init__

    def spy(self: Forked[object], fn: object, *args: object, fork: bool = True) -> None:
        if fork:
            forked_here.append(getattr(fn, "__name__", ""))
        start(self, fn, *args, fork=fork)  # type: ignore[arg-type]

    monkeypatch.setattr(Forked, "__init__", spy)
    forked = build_mod.generate(Project(sample_project), use_cache=False)
    assert {"combine_events", "combine_questions", "_render_pages"} <= set(forked_here)
    assert forked.briefing.events and forked.briefing.questions
    assert forked.briefing == here.briefing and forked.files == here.files
