"""What keeps a large corpus fast and its site small: lean search, lean source pages,
combine steps that do not compare everything with everything, parallel per-article work."""
from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from generator.build import Reporter
from generator.extract.players.cluster import UnionFind, _merge_variants


def test_lean_search_keeps_titles_and_named_sections(built_sample: Path) -> None:
    docs = json.loads((built_sample / "site" / "search" / "search_index.json").read_text())["docs"]
    locations = [d["location"] for d in docs]
    sources = [loc for loc in locations if loc.startswith("sources/") and loc.partition("#")[0] != "sources/"]
    assert sources and all("#" not in loc for loc in sources)  # title and lead only
    players = {loc.partition("#")[2] for loc in locations if loc.startswith("players/")}
    assert "mentions" not in players and "articles" not in players
    assert any(loc.startswith("timeline/#") for loc in locations)  # other pages whole


def test_source_pages_are_lean_and_other_pages_are_not(built_sample: Path) -> None:
    site = built_sample / "site"
    pages = sorted((site / "sources").glob("*/index.html"))
    assert len(pages) == len(list((built_sample / "corpus" / "articles").glob("*.md")))
    for source in pages:  # every one shares the header and the stylesheets: none fell back
        text = source.read_text(encoding="utf-8")
        assert "md-sidebar--primary" not in text and "md-tabs" not in text
        assert '<script src="../../assets/briefing/lean-header.js"></script>' in text
        assert re.findall(r'<link rel="stylesheet" href="([^"]+)">', text) == ["../../assets/briefing/lean.css"]
        assert "md-header" not in text and "md-search" not in text  # both come from the script
        assert "md-top" not in text and "__md_scope=" not in text  # no back-to-top button, shared script
        assert not re.search(r"\n[ \t]+<", text)  # no indentation
        assert 'id="p1"' in text and re.search(r'<span id="p\d+-s\d+">', text)  # anchors stay
    shared = (site / "assets" / "briefing" / "lean-header.js").read_text(encoding="utf-8")
    assert 'class=\\"md-search__input\\"' in shared and "__md_scope=" in shared
    assert 'class=\\"md-header' in shared and 'class=\\"md-skip\\"' in shared
    styles = (site / "assets" / "briefing" / "lean.css").read_text(encoding="utf-8")
    imported = re.findall(r'@import url\("([^"]+)"\);', styles)
    assert [Path(i).name.split(".")[0] for i in imported] == ["main", "palette", "fonts", "briefing"]
    assert all((site / "assets" / "briefing" / i).resolve().is_file() for i in imported)
    index = (site / "sources" / "index.html").read_text(encoding="utf-8")
    assert "md-sidebar--primary" in index


def test_spelling_variants_merge_within_a_first_name_only() -> None:
    uf = UnionFind()
    keys = ["ana kowalczyk", "ana kowalcyk", "bea kowalczyk", "kowalczyk"]
    votes = {k: {"person": 1.0} for k in keys}
    sentences = {k: {(k, 1, 1)} for k in keys}
    _merge_variants(uf, keys, votes, sentences, {})
    assert uf.find("ana kowalcyk") == uf.find("ana kowalczyk")
    assert uf.find("bea kowalczyk") != uf.find("ana kowalczyk")  # another first name
    assert uf.find("kowalczyk") == "kowalczyk"  # a lone surname is not merged here


def test_progress_is_silent_off_a_terminal() -> None:
    stream = io.StringIO()
    Reporter(stream=stream).progress(5, 10)
    assert stream.getvalue() == ""


def test_progress_bar_on_a_terminal() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Tty()
    reporter = Reporter(stream=stream)
    reporter.progress(5, 10)
    reporter.progress(10, 10)
    assert "5/10 articles" in stream.getvalue() and stream.getvalue().endswith("\n")
    quiet = Tty()
    Reporter(quiet=True, stream=quiet).progress(1, 2)
    assert quiet.getvalue() == ""


@pytest.mark.slow
def test_workers_give_the_same_facts_as_one_process(nlp: object) -> None:
    from generator import corpus, per_article
    from generator.config import Project, load_settings
    from generator.extract.lexicon import load_lexicon

    root = Path(__file__).resolve().parent.parent
    articles = corpus.load(root).articles
    lexicon = load_lexicon(load_settings(Project(root)).corrections)
    one = per_article.extract_all(articles, nlp, lexicon, n_process=1)  # type: ignore[arg-type]
    seen: list[tuple[int, object]] = []
    two = per_article.extract_all(articles, nlp, lexicon, n_process=2, chunk=2,  # type: ignore[arg-type]
                                  each=lambda i, facts: seen.append((i, facts)))
    assert one == two
    # sent back the cache's way: a string the articles share is one object here
    assert len({id(f.article.language) for f in two}) == 1
    # each article's facts are handed over as they come back (the build stores them then), in order
    assert seen == list(enumerate(two))


def test_progress_estimates_the_time_left(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    clock = iter([100.0, 130.0])  # the first update, then a quarter done 30 s later
    monkeypatch.setattr("generator.build.time.monotonic", lambda: next(clock))
    stream = Tty()
    reporter = Reporter(stream=stream, started=100.0)
    reporter.progress(0, 100)
    reporter.progress(25, 100)
    assert "25/100 articles (30s, about 1 min 30 s left)" in stream.getvalue()
