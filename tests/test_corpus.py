"""The corpus loader: good articles become Article objects; every problem is reported at once."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator import corpus
from generator.errors import BriefingError
from generator.model import PartialDate

from .conftest import CORPORA, corpus_cases, project_from_case


@pytest.mark.parametrize("case", corpus_cases())
def test_bad_corpus_reports_every_problem_exactly(case: str, tmp_path: Path) -> None:
    project = project_from_case(case, tmp_path / case)
    expected = (CORPORA / case / "expected.txt").read_text(encoding="utf-8").rstrip("\n")
    with pytest.raises(BriefingError) as info:
        corpus.load(project)
    assert "\n".join(str(p) for p in info.value.problems) == expected


def test_good_article_fields_and_blocks(project_factory) -> None:
    project = project_factory({"harbour-fire.md": (
        "---\n"
        "title: Fire at the harbour\n"
        "outlet: The Daily Example\n"
        "url: https://example.org/fire\n"
        "published: 2026-03\n"
        "author: [A. Writer, B. Writer]\n"
        "inferred:\n"
        "  published: the text says 'this March'\n"
        "---\n"
        "Key Facts\n"
        "- A warehouse burned.\n"
        "\n"
        "The fire started at night. Nobody was hurt.\n"
        "Losses by site:\n"
        "| Site | Loss |\n"
        "|---|---|\n"
        "| North | $2 million |\n")})
    loaded = corpus.load(project)
    (article,) = loaded.articles
    assert article.id == "harbour-fire"
    assert article.published == PartialDate(2026, 3)
    assert article.author == "A. Writer, B. Writer"
    assert dict(article.inferred) == {"published": "the text says 'this March'"}
    kinds = [(p.kind, p.line) for p in article.paragraphs]
    assert kinds == [("heading", 10), ("item", 11), ("text", 13), ("text", 14), ("table", 15)]
    table = article.paragraphs[-1].table
    assert table is not None and table.caption == "Losses by site:"
    assert table.header == ("Site", "Loss") and table.rows == (("North", "$2 million"),)


def test_unknown_field_warns_with_did_you_mean(project_factory) -> None:
    project = project_factory({"a.md": "---\ntitle: T\npublshed: 2026-03-06\n---\nText here.\n"})
    loaded = corpus.load(project)
    assert [str(w) for w in loaded.warnings] == [
        "corpus/articles/a.md:3: unknown field 'publshed' is ignored\n  hint: did you mean 'published'?"]
    assert loaded.articles[0].published is None


@pytest.mark.parametrize("value, expected", [
    ("2026", PartialDate(2026)), ("2026-03", PartialDate(2026, 3)),
    ("2026-03-06", PartialDate(2026, 3, 6)), ("2024-02-29", PartialDate(2024, 2, 29))])
def test_published_precisions(project_factory, value: str, expected: PartialDate) -> None:
    project = project_factory({"a.md": f"---\ntitle: T\npublished: {value}\n---\nText here.\n"})
    assert corpus.load(project).articles[0].published == expected


def test_yaml_aliases_are_refused(project_factory) -> None:
    bomb = "---\ntitle: &a T\nauthor: *a\n---\nText here.\n"
    with pytest.raises(BriefingError) as info:
        corpus.load(project_factory({"a.md": bomb}))
    assert "aliases" in str(info.value.problems[0])


def test_empty_corpus_is_an_error(project_factory) -> None:
    with pytest.raises(BriefingError) as info:
        corpus.load(project_factory({}))
    assert str(info.value.problems[0]).startswith("corpus/articles: no articles (*.md) found")


def test_any_file_name_gives_a_stable_id(project_factory) -> None:
    text = "---\ntitle: T\n---\nText here.\n"
    project = project_factory({"VESTLAND_TIDENDE_birds_and_blame.md": text, "nordic wire refloat.md": text,
                               "2011-08-12_reuters_352.md": text, "Økonomi på Ålesund.md": text,
                               "port-reopens.md": text})
    assert [a.id for a in corpus.load(project).articles] == [
        "2011-08-12-reuters-352", "nordic-wire-refloat", "okonomi-pa-alesund", "port-reopens",
        "vestland-tidende-birds-and-blame"]


def test_two_files_with_the_same_id_name_both(project_factory) -> None:
    text = "---\ntitle: T\n---\nText here.\n"
    with pytest.raises(BriefingError) as info:
        corpus.load(project_factory({"Fire Story.md": text, "fire-story.md": text}))
    assert [str(p) for p in info.value.problems] == [
        "corpus/articles/fire-story.md:1: id: 'fire-story' is already used by corpus/articles/Fire Story.md\n"
        "  hint: give each article its own file name or `id`"]


def test_an_id_field_still_overrides_the_file_name(project_factory) -> None:
    project = project_factory({"Some Saved Page.md": "---\nid: harbour-fire\ntitle: T\n---\nText here.\n"})
    assert [a.id for a in corpus.load(project).articles] == ["harbour-fire"]


def test_an_empty_article_is_skipped_with_a_warning(project_factory) -> None:
    project = project_factory({"empty.md": "---\ntitle: Nothing saved\n---\n\n",
                               "only-furniture.md": "---\ntitle: T\n---\nShare this article\nFollow us on X\n",
                               "good.md": "---\ntitle: T\n---\nThe pier closed at noon.\n"})
    loaded = corpus.load(project)
    assert [a.id for a in loaded.articles] == ["good"]
    assert [str(w) for w in loaded.warnings] == [
        "corpus/articles/empty.md:4: skipped: the article has no text after its front matter",
        "corpus/articles/only-furniture.md:4: skipped: the article has no text of its own (only headings "
        "or page furniture)"]


def test_a_corpus_of_empty_articles_is_an_error(project_factory) -> None:
    with pytest.raises(BriefingError) as info:
        corpus.load(project_factory({"empty.md": "---\ntitle: T\n---\n"}))
    assert str(info.value.problems[0]).startswith("corpus/articles: no article has any text")


def test_sample_corpus_loads_cleanly() -> None:
    loaded = corpus.load(Path(__file__).resolve().parent.parent)
    assert len(loaded.articles) == 5 and loaded.warnings == ()
    assert all(a.published == PartialDate(2026, 3) and "published" in dict(a.inferred) for a in loaded.articles)


def test_other_files_warn_but_a_readme_does_not(project_factory) -> None:
    project = project_factory({"a.md": "---\ntitle: T\n---\nText here.\n", "README.txt": "notes",
                               "b.txt": "stray"})
    assert [str(w) for w in corpus.load(project).warnings] == [
        "corpus/articles/b.txt: ignored: articles are .md files"]


def test_a_blank_title_is_required_like_a_missing_one(project_factory) -> None:
    with pytest.raises(BriefingError) as info:
        corpus.load(project_factory({"a.md": "---\ntitle: \"\\t \"\n---\nText here.\n"}))
    assert [str(p) for p in info.value.problems] == [
        "corpus/articles/a.md:2: title: required\n  hint: add a line 'title: ...' to the front matter"]
