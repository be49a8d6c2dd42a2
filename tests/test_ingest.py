"""`briefing add`: saved pages, text files, URLs through a fake fetch; duplicates, slugs, no overwrite.

The pages in tests/fixtures/html are invented (a made-up water-plant dispute), each with its
metadata in a different place: JSON-LD, OpenGraph meta tags, plain meta tags.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from generator import corpus
from generator.errors import BriefingError, UsageError
from generator.ingest import (add_article, canonical_url, make_slug, shingles, similarity,
                              slug_problem, unique_slug)

HTML = Path(__file__).resolve().parent / "fixtures" / "html"
LEDGER = HTML / "coastal-ledger-desalination-pause.html"
NORTHFIELD = HTML / "northfield-daily-water-audit.html"
COURIER = HTML / "valley-courier-syndicated-pause.html"

TEXT = """Harbour ferry fares to rise in spring

The Larkspur Bay ferry board approved a fare increase of 30 cents on Tuesday, the first rise
in six years, citing higher fuel and insurance costs.

Board chair Ines Kowalczyk said the increase would pay for two new engines. Commuter groups
said they would ask the council to review the decision.
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "corpus" / "articles").mkdir(parents=True)
    return tmp_path


def front(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n")[1])


def body(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("---\n", 2)[2].splitlines()


def loaded(project: Path) -> dict[str, corpus.Article]:
    result = corpus.load(project)
    assert result.warnings == ()
    return {a.id: a for a in result.articles}


def test_html_with_json_ld(project: Path) -> None:
    path = add_article(project, str(LEDGER))
    assert path == project / "corpus/articles/larkspur-bay-council-pauses-desalination-contract-after-cost-overrun.md"
    meta = front(path)
    assert meta == {
        "title": "Larkspur Bay council pauses desalination contract after cost overrun",
        "outlet": "The Coastal Ledger",
        "url": "https://www.coastalledger.example/news/2025/11/04/larkspur-bay-council-pauses-desalination-contract",
        "published": "2025-11-04",
        "author": "Marisol Okafor",
        "language": "en",
        "note": "added with `briefing add` from the saved page coastal-ledger-desalination-pause.html",
    }
    lines = body(path)
    assert len(lines) == 7  # the seven paragraphs; no menu, related links, comments or footer
    assert lines[0].startswith("The Larkspur Bay city council voted 5-2 on Monday night")
    assert lines[1].endswith('"We are not cancelling anything tonight, but we are not signing blank '
                             'cheques either," Vance told a packed chamber.')
    assert not any("Comments" in line or "Subscribe" in line or "About time" in line for line in lines)
    article = loaded(project)[path.stem]
    assert article.published is not None and article.published.iso() == "2025-11-04"
    assert [p.text for p in article.paragraphs] == lines


def test_html_with_open_graph_drops_repeated_headline(project: Path) -> None:
    path = add_article(project, str(NORTHFIELD))
    meta = front(path)
    assert meta["outlet"] == "Northfield Daily"
    assert meta["author"] == "Devon Ashcroft"
    assert meta["published"] == "2025-11-07"
    assert meta["url"] == "https://northfielddaily.example/2025/11/07/auditor-questions-meridian-aqua-invoices/"
    lines = body(path)
    assert lines[0].startswith("Larkspur Bay's city auditor, Priya Lindqvist")
    assert "## Invoices under review" in lines  # a subheading stays a heading, in Markdown
    article = loaded(project)[path.stem]
    assert [p.kind for p in article.paragraphs].count("heading") == 1


def test_html_without_outlet_names_host_and_says_so(project: Path) -> None:
    path = add_article(project, str(COURIER))
    meta = front(path)
    assert meta["outlet"] == "valleycourier.example"
    assert meta["inferred"]["outlet"] == "the page names no outlet; this is its web address's host name"
    assert "language" in meta["inferred"]  # the page declares none
    assert meta["published"] == "2025-11-05"
    loaded(project)


def test_options_win_and_are_not_marked_inferred(project: Path) -> None:
    path = add_article(project, str(COURIER), outlet="Valley Courier", language="en",
                       published="2025-11", title="Larkspur Bay halts plant payments")
    meta = front(path)
    assert meta["outlet"] == "Valley Courier" and meta["published"] == "2025-11"
    assert "inferred" not in meta
    assert path.name == "larkspur-bay-halts-plant-payments.md"
    assert loaded(project)[path.stem].published.precision == "month"  # type: ignore[union-attr]


def test_text_file_with_options_joins_wrapped_lines(project: Path, tmp_path: Path) -> None:
    source = tmp_path / "ferry.txt"
    source.write_text(TEXT, encoding="utf-8")
    path = add_article(project, str(source), outlet="Harbour Radio", published="2025-03-04",
                       author="Sam Reyes", url="https://radio.example/ferry-fares?utm_source=x")
    meta = front(path)
    assert meta["title"] == "Harbour ferry fares to rise in spring"  # the headline line
    assert meta["outlet"] == "Harbour Radio" and meta["author"] == "Sam Reyes"
    assert body(path) == [
        "The Larkspur Bay ferry board approved a fare increase of 30 cents on Tuesday, the first rise "
        "in six years, citing higher fuel and insurance costs.",
        "Board chair Ines Kowalczyk said the increase would pay for two new engines. Commuter groups "
        "said they would ask the council to review the decision.",
    ]
    assert path.name == "harbour-ferry-fares-to-rise-in-spring.md"
    loaded(project)


def test_text_file_one_paragraph_per_line_and_title_required(project: Path, tmp_path: Path) -> None:
    source = tmp_path / "notes.txt"
    source.write_text("The board met on Tuesday and approved the budget.\n"
                      "Two members voted against it, saying reserves were too low.\n", encoding="utf-8")
    with pytest.raises(UsageError, match="no title found; pass --title"):
        add_article(project, str(source))
    assert list((project / "corpus" / "articles").iterdir()) == []
    path = add_article(project, str(source), title="Budget approved")
    assert body(path) == ["The board met on Tuesday and approved the budget.",
                          "Two members voted against it, saying reserves were too low."]


def test_markdown_file_with_heading_and_front_matter(project: Path, tmp_path: Path) -> None:
    source = tmp_path / "story.md"
    source.write_text("---\noutlet: Bay Weekly\npublished: 2025-12\n---\n"
                      "# Pier repairs finish early\n\n"
                      "Crews finished repairs to the north pier two weeks ahead of schedule, "
                      "the harbour office said.\n\n"
                      "## What comes next\n\n"
                      "- The pier reopens to fishing boats on Monday.\n"
                      "- Ferries return in January.\n", encoding="utf-8")
    path = add_article(project, str(source))
    meta = front(path)
    assert meta["title"] == "Pier repairs finish early"
    assert meta["outlet"] == "Bay Weekly" and meta["published"] == "2025-12"
    article = loaded(project)[path.stem]
    assert [p.kind for p in article.paragraphs] == ["text", "heading", "item", "item"]


def test_url_through_injected_fetch(project: Path) -> None:
    asked: list[str] = []

    def fetch(url: str) -> str:
        asked.append(url)
        return NORTHFIELD.read_text(encoding="utf-8")

    source = "https://northfielddaily.example/2025/11/07/auditor-questions-meridian-aqua-invoices/?utm_medium=social"
    path = add_article(project, source, fetch=fetch)
    assert asked == [source]
    meta = front(path)
    assert meta["url"] == "https://northfielddaily.example/2025/11/07/auditor-questions-meridian-aqua-invoices/"
    assert meta["note"] == f"added with `briefing add` from {source}"
    loaded(project)


def test_url_fetch_failure_is_reported(project: Path) -> None:
    with pytest.raises(BriefingError, match="cannot download the page"):
        add_article(project, "https://example.org/gone", fetch=lambda url: None)
    with pytest.raises(UsageError, match="only http and https"):
        add_article(project, "ftp://example.org/x.html", fetch=lambda url: "")


def test_page_without_article_text(project: Path, tmp_path: Path) -> None:
    source = tmp_path / "empty.html"
    source.write_text("<html><head><title>Nothing</title></head><body><nav>Home</nav></body></html>")
    with pytest.raises(BriefingError, match="no article text found"):
        add_article(project, str(source))
    assert list((project / "corpus" / "articles").iterdir()) == []


def test_same_canonical_url_is_refused(project: Path) -> None:
    first = add_article(project, str(LEDGER))
    before = first.read_bytes()
    fetched = LEDGER.read_text(encoding="utf-8").replace("Monday night", "Monday evening")
    with pytest.raises(BriefingError) as info:
        add_article(project, "http://coastalledger.example/news/2025/11/04/larkspur-bay-council-pauses-"
                    "desalination-contract/?utm_source=newsletter#top", fetch=lambda url: fetched)
    message = str(info.value)
    assert f"already in the corpus as corpus/articles/{first.name}" in message
    assert "the same canonical URL" in message
    assert first.read_bytes() == before
    assert len(list((project / "corpus" / "articles").iterdir())) == 1


def test_syndicated_copy_from_another_outlet_is_refused(project: Path) -> None:
    first = add_article(project, str(LEDGER))
    with pytest.raises(BriefingError) as info:
        add_article(project, str(COURIER))
    message = str(info.value)
    assert f"already in the corpus as corpus/articles/{first.name}" in message
    assert "near-identical text from The Coastal Ledger" in message
    assert len(list((project / "corpus" / "articles").iterdir())) == 1


def test_different_reports_of_one_story_are_both_kept(project: Path) -> None:
    add_article(project, str(LEDGER))
    add_article(project, str(NORTHFIELD))
    assert len(loaded(project)) == 2


def test_similarity_thresholds_on_fixtures() -> None:
    def words(path: Path) -> set[str]:
        from generator.ingest import extract_html

        return shingles(extract_html(path.read_text(), str(path), page_url=None).text)

    ledger, courier, northfield = words(LEDGER), words(COURIER), words(NORTHFIELD)
    jaccard, containment = similarity(ledger, courier)
    assert jaccard >= 0.8 and containment >= 0.9
    jaccard, containment = similarity(ledger, northfield)
    assert jaccard < 0.1 and containment < 0.1


def test_canonical_url() -> None:
    assert canonical_url("https://www.Example.org:443/a/b/?utm_source=x&b=2&a=1#frag") == "//example.org/a/b?a=1&b=2"
    assert canonical_url("http://example.org/a/b") == canonical_url("https://example.org/a/b/")
    assert canonical_url("https://example.org/a?id=1") != canonical_url("https://example.org/a?id=2")


@pytest.mark.parametrize(("title", "slug"), [
    ("Port Reopens After Fire", "port-reopens-after-fire"),
    ("../../etc/passwd", "etc-passwd"),
    ("/absolute/path/to/file", "absolute-path-to-file"),
    (".hidden", "hidden"),
    ("Café déjà vu — naïve “quotes”", "cafe-deja-vu-naive-quotes"),
    ("Ünïcödé ﬁnance ½ ２０２６", "unicode-finance-12-2026"),
    ("北京 会议", "article"),
    ("", "article"),
    ("CON", "con-article"),
    ("nul", "nul-article"),
    ("Com1", "com1-article"),
    ("a" * 100, "a" * 80),
])
def test_make_slug_is_path_safe(title: str, slug: str) -> None:
    made = make_slug(title)
    assert made == slug
    assert slug_problem(made) is None
    assert ".." not in made and "/" not in made and not made.startswith(".")


def test_long_title_is_cut_at_a_word() -> None:
    slug = make_slug("word " * 30)
    assert len(slug) <= 80 and not slug.endswith("-") and slug.split("-") == ["word"] * 16


@pytest.mark.parametrize("bad", ["../escape", "/abs", "a/b", ".dot", "Upper", "con", "x" * 81, "-lead", "é"])
def test_bad_slug_option_is_a_usage_error(project: Path, bad: str) -> None:
    with pytest.raises(UsageError, match="--slug"):
        add_article(project, str(LEDGER), slug=bad)
    assert list((project / "corpus" / "articles").iterdir()) == []
    assert not (project / "corpus" / "escape.md").exists()


def test_slug_is_stable_and_uniqued_for_a_different_article(project: Path, tmp_path: Path) -> None:
    one = tmp_path / "one.txt"
    two = tmp_path / "two.txt"
    one.write_text("The first report says the pier reopened on Monday after repairs.\n")
    two.write_text("A second, different report says the ferry service will resume in January.\n")
    a = add_article(project, str(one), title="Pier update")
    b = add_article(project, str(two), title="Pier update")
    assert (a.name, b.name) == ("pier-update.md", "pier-update-2.md")
    assert unique_slug("pier-update", {"pier-update", "pier-update-2"}, project) == "pier-update-3"
    assert len(unique_slug("x" * 80, {"x" * 80}, project)) <= 80
    assert set(loaded(project)) == {"pier-update", "pier-update-2"}


def test_slug_taken_by_an_id_field_is_uniqued(project: Path, tmp_path: Path) -> None:
    (project / "corpus" / "articles" / "other-file.md").write_text(
        "---\ntitle: Earlier\nid: pier-update\n---\nAn earlier article about the harbour office budget.\n")
    source = tmp_path / "one.txt"
    source.write_text("The pier reopened on Monday after repairs, the harbour office said.\n")
    path = add_article(project, str(source), title="Pier update")
    assert path.name == "pier-update-2.md"
    assert set(loaded(project)) == {"pier-update", "pier-update-2"}


def test_explicit_slug_never_overwrites(project: Path, tmp_path: Path) -> None:
    existing = project / "corpus" / "articles" / "taken.md"
    existing.write_text("---\ntitle: Kept\n---\nAn unrelated article about a school board election.\n")
    before = existing.read_bytes()
    source = tmp_path / "one.txt"
    source.write_text("The pier reopened on Monday after repairs, the harbour office said.\n")
    with pytest.raises(BriefingError, match="never overwrites"):
        add_article(project, str(source), title="Pier update", slug="taken")
    assert existing.read_bytes() == before
    assert sorted(p.name for p in existing.parent.iterdir()) == ["taken.md"]  # no temp file left


def test_write_race_never_replaces_a_file(project: Path, tmp_path: Path, monkeypatch) -> None:
    """A file that appears between the name check and the write is kept, not replaced."""
    import generator.ingest as ingest

    target = project / "corpus" / "articles" / "pier-update.md"
    real = ingest._check_loads

    def sneak(content: str, name: str, rel: str) -> None:
        real(content, name, rel)
        target.write_text("someone else's file\n")

    monkeypatch.setattr(ingest, "_check_loads", sneak)
    source = tmp_path / "one.txt"
    source.write_text("The pier reopened on Monday after repairs, the harbour office said.\n")
    with pytest.raises(BriefingError, match="never overwrites"):
        add_article(project, str(source), title="Pier update")
    assert target.read_text() == "someone else's file\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["pier-update.md"]


@pytest.mark.parametrize(("option", "value", "message"), [
    ("published", "6 March 2026", "--published: expected an ISO date"),
    ("published", "2026-02-30", "--published: 2026-02-30 is not a calendar date"),
    ("url", "javascript:alert(1)", r"--url: expected an http\(s\) address"),
    ("language", "English", "--language: expected a language code"),
    ("title", "   ", "--title: empty"),
])
def test_bad_options(project: Path, option: str, value: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        add_article(project, str(LEDGER), **{option: value})


def test_unknown_file_kind_and_missing_file(project: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    with pytest.raises(UsageError, match="unknown kind of file '.pdf'"):
        add_article(project, str(pdf))
    with pytest.raises(UsageError, match="no such file"):
        add_article(project, str(tmp_path / "missing.html"))


def test_odd_text_is_written_safely_and_loads(project: Path, tmp_path: Path) -> None:
    source = tmp_path / "odd.txt"
    source.write_text("---not front matter\n"
                      "title: a line that looks like YAML\n"
                      "Text with a zero\u200bwidth space, a bell\x07 and \u00e9 composed e\u0301.\n"
                      "| a lone pipe line that is not a table\n", encoding="utf-8")
    path = add_article(project, str(source), title='He said: "no" — #1 & *stars*')
    assert front(path)["title"] == 'He said: "no" — #1 & *stars*'
    article = loaded(project)[path.stem]
    assert "\x07" not in article.text
    assert path.name == "he-said-no-1-stars.md"
    assert os.listdir(path.parent) == [path.name]


def test_joiners_are_kept_and_bidi_overrides_dropped(project: Path, tmp_path: Path) -> None:
    """`briefing add` cleans text as the corpus reads it: an emoji sequence and a word spelled
    with a zero-width non-joiner keep their joiners; a right-to-left override goes."""
    source = tmp_path / "joiners.txt"
    family, word = "\U0001F468\u200d\U0001F469\u200d\U0001F467", "mi\u200cravad"
    source.write_text(f"The clinic posted {family} on its page.\n"
                      f"A reader wrote {word} under it and \u202egnp.exe beside it.\n", encoding="utf-8")
    path = add_article(project, str(source), title="Clinic post")
    assert body(path) == [f"The clinic posted {family} on its page.",
                          f"A reader wrote {word} under it and gnp.exe beside it."]
    assert loaded(project)[path.stem].text.count("\u200d") == 2
