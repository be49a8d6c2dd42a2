"""Reading an article body: CommonMark paragraphs, one-paragraph-per-line text, headings, lists,
tables. Small invented texts; each case is a way people save articles."""
from __future__ import annotations

from generator.blocks import read_blocks
from generator.corpus import split_blocks

WRAPPED = """\
The ferry Nordlys ran aground late on Saturday on a reef at the mouth
of the fjord, the coastguard said. All 212 passengers were taken off
by lifeboat before dawn.

Salvage crews hope to refloat the vessel
on Tuesday's high tide.
"""


def kinds_and_text(body: str) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in read_blocks(body)]


def test_wrapped_markdown_joins_lines_into_whole_paragraphs() -> None:
    assert kinds_and_text(WRAPPED) == [
        ("text", "The ferry Nordlys ran aground late on Saturday on a reef at the mouth of the fjord, "
                 "the coastguard said. All 212 passengers were taken off by lifeboat before dawn."),
        ("text", "Salvage crews hope to refloat the vessel on Tuesday's high tide."),
    ]


def test_a_short_wrapped_line_is_not_a_heading() -> None:
    # "of the fjord" alone on a line, or the paragraph's short last line, stays prose.
    blocks = read_blocks("The pier closed at noon after a crack was found in\nthe deck\n")
    assert [(b.kind, b.text) for b in blocks] == [
        ("text", "The pier closed at noon after a crack was found in the deck")]


def test_one_paragraph_per_line_reads_as_before() -> None:
    body = ("The council met on Monday.\nIt voted to close the pier.\n"
            "Residents protested outside the hall, the police said.\n")
    assert kinds_and_text(body) == [
        ("text", "The council met on Monday."), ("text", "It voted to close the pier."),
        ("text", "Residents protested outside the hall, the police said.")]


def test_line_numbers_point_at_each_block() -> None:
    blocks = split_blocks(WRAPPED.split("\n"), 8)
    assert [(p.index, p.line) for p in blocks] == [(1, 8), (2, 12)]


def test_headings_lists_and_tables() -> None:
    body = ("# Port Reopens\n\nKey Facts\n- A warehouse burned.\n- Nobody was hurt.\n\n"
            "Losses by site:\n| Site | Loss |\n|---|---|\n| North | $2 million |\nThe insurer will pay.\n")
    blocks = read_blocks(body)
    assert [(b.kind, b.line) for b in blocks] == [
        ("heading", 0), ("heading", 2), ("item", 3), ("item", 4), ("text", 6), ("table", 7), ("text", 10)]
    table = blocks[5].table
    assert table is not None and table.caption == "Losses by site:"
    assert table.header == ("Site", "Loss") and table.rows == (("North", "$2 million"),)
    assert blocks[-1].text == "The insurer will pay."  # not swallowed as a table row


def test_heading_guess_needs_title_case_and_never_takes_a_sentence() -> None:
    body = ("What This Means Going Forward\nPolice said the road was closed\n"
            "Talks Resume: Union vs. Management\n")
    assert [b.kind for b in read_blocks(body)] == ["heading", "text", "heading"]


def test_inline_markup_is_dropped_and_words_kept() -> None:
    (block,) = read_blocks("The *mayor* said the [report](https://example.org/r) was **wrong**.\n")
    assert block.text == "The mayor said the report was wrong."


def test_indented_text_is_prose_not_code() -> None:
    (block,) = read_blocks("    The storm reached the coast overnight.\n")
    assert (block.kind, block.text) == ("text", "The storm reached the coast overnight.")


def test_a_rule_under_prose_does_not_make_it_a_heading() -> None:
    assert kinds_and_text("The storm reached the coast.\n---\nMore rain is due.\n") == [
        ("text", "The storm reached the coast."), ("text", "More rain is due.")]
