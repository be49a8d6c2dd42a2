"""A hand-made Briefing on an invented story, covering every model type, for render and site tests.

The story: the town of Port Alder and the contractor Meridian Build quarrel over a harbour
bridge. Nothing here is extracted; every object is written out, with sentences split by hand,
so these tests do not depend on the NLP stages.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from generator.model import (Agreement, Article, ArticleTable, Briefing, CitedOutlet, Claim, DateValue,
                             Disagreement, Event, Issue, Paragraph, PartialDate, Player, Position,
                             Question, Quote, Relation, Role, Sentence, SourceRef, Statement, Story,
                             Table)

HOSTILE = ('The council met <script>window.__pwned = 1</script> on Monday. '
           'A flyer said {{ config.site_name }} and {% raw %} and [click](javascript:alert(1)). '
           'Costs rose | fell *a lot* and <img src=x onerror="window.__pwned=2"> too.')


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Split on end punctuation followed by a space: enough for the invented texts here."""
    out = []
    start = 0
    for m in re.finditer(r"(?<=[.!?])\s+", text):
        out.append(Sentence(len(out) + 1, text[start:m.start()], start, m.start()))
        start = m.end()
    if start < len(text):
        out.append(Sentence(len(out) + 1, text[start:], start, len(text)))
    return tuple(out)


def article(aid: str, title: str, outlet: str | None, published: PartialDate | None,
            blocks: list[tuple[str, str]], url: str | None = None,
            inferred: tuple[tuple[str, str], ...] = (), table: Table | None = None) -> Article:
    paragraphs = []
    for kind, text in blocks:
        index = len(paragraphs) + 1
        if kind == "table":
            assert table is not None
            paragraphs.append(Paragraph(index, "table", text, index + 8, (), table))
        else:
            sentences = split_sentences(text) if kind in ("text", "item") else (
                Sentence(1, text, 0, len(text)),)
            paragraphs.append(Paragraph(index, kind, text, index + 8, sentences))  # type: ignore[arg-type]
    return Article(aid, f"corpus/articles/{aid}.md", title, outlet, url, published, None, "en",
                   inferred, tuple(paragraphs), 9, "0" * 64)


def ref(a: Article, paragraph: int, sentence: int) -> SourceRef:
    para = a.paragraph(paragraph)
    if sentence == 0:
        return SourceRef(a.id, paragraph, 0, para.text)
    return SourceRef(a.id, paragraph, sentence, para.sentences[sentence - 1].text)


COST_TABLE = Table("Bridge costs by year:", ("Year", "Cost", "Note"),
                   (("2024", "$40m", "first estimate"), ("2025", "$55m", "steel | labour"),
                    ("2026", "$61m", "*revised*")))


def sample_briefing(hostile: bool = True) -> Briefing:
    """The invented story, with a hostile article unless `hostile` is False."""
    a1 = article(
        "gazette-2026-03-02", "Port Alder halts bridge payments to Meridian Build",
        "The Alder Gazette", PartialDate(2026, 3, 2),
        [("text", "Port Alder stopped payments to Meridian Build on Friday. Mayor Elena Ruiz said "
                  "the contractor had missed three deadlines. Meridian Build disputes that account."),
         ("heading", "What the contract says"),
         ("item", "The bridge was due to open in December 2025."),
         ("item", "Penalties start after ninety days of delay."),
         ("text", "\"We will not pay for a bridge we cannot use,\" Ruiz said. The State Transport "
                  "Agency (STA) is reviewing the contract. Whether the STA can intervene is unclear."),
         ("text", "Bridge costs by year:"),
         ("table", "| Year | Cost | Note |"),
         ("text", "According to Coastal Times, the steel supplier has not been paid since January.")],
        url="https://gazette.example/bridge-payments", table=COST_TABLE)
    a2 = article(
        "coastal-2026-03-05", "Meridian Build says Port Alder owes it $12 million",
        "Coastal Times", PartialDate(2026, 3, 5),
        [("text", "Meridian Build chief executive Tom Okafor said the town owes $12 million. "
                  "Okafor blamed late design changes for the delays. The firm began work in 2023."),
         ("text", "\"The town changed the design four times,\" Okafor said. Port Alder has "
                  "threatened to cancel the contract. Talks resumed in late February."),
         ("text", "Will the bridge open this year? Neither side would say.")],
        url="javascript:alert(1)")
    a3 = article(
        "wire-2026-03", "Bridge dispute drags on", "Harbour Wire", PartialDate(2026, 3),
        [("text", "The dispute between Port Alder and Meridian Build entered its second month. "
                  "Ruiz, the mayor, said the town owes nothing. The STA said it would decide by April.")],
        inferred=(("published", "the text gives no date; it reports the second month of the dispute"),))
    articles = [a1, a2, a3]
    if hostile:
        articles.append(article(
            "hostile-note", 'A "tricky" <b>title</b></title><script>window.__pwned=7</script> {{ jinja }} [l](javascript:x)', None, None,
            [("text", HOSTILE), ("text", "| not | a table |")],
            url="https://example.com/x?a=1&b=\"2\""))
    ruiz = Player("elena-ruiz", "Elena Ruiz", "person", ("Mayor Elena Ruiz", "Ruiz"),
                  (Role("Mayor of Port Alder", ref(a1, 1, 2)), Role("the mayor", ref(a3, 1, 2))),
                  (Statement("Mayor Elena Ruiz said the contractor had missed three deadlines.",
                             ref(a1, 1, 2)),),
                  (Quote("We will not pay for a bridge we cannot use,", "elena-ruiz", ref(a1, 5, 1)),),
                  tuple(sorted(["gazette-2026-03-02", "wire-2026-03"])), 4, 9.5, (ref(a1, 1, 2),))
    okafor = Player("tom-okafor", "Tom Okafor", "person", ("Okafor",),
                    (Role("chief executive of Meridian Build", ref(a2, 1, 1)),),
                    (Statement("Okafor blamed late design changes for the delays.", ref(a2, 1, 2)),),
                    (Quote("The town changed the design four times,", "tom-okafor", ref(a2, 2, 1)),),
                    ("coastal-2026-03-05",), 3, 7.0, (ref(a2, 1, 1),), ("role fixed by the editor",))
    meridian = Player("meridian-build", "Meridian Build", "organization", ("Meridian",), (), (), (),
                      ("coastal-2026-03-05", "gazette-2026-03-02", "wire-2026-03"), 6, 8.0)
    town = Player("port-alder", "Port Alder", "organization", ("the town",), (), (), (),
                  ("coastal-2026-03-05", "gazette-2026-03-02", "wire-2026-03"), 5, 7.5)
    sta = Player("state-transport-agency", "State Transport Agency", "organization", ("STA",), (), (), (),
                 ("gazette-2026-03-02", "wire-2026-03"), 3, 4.0)
    players = [ruiz, meridian, town, okafor, sta]
    if hostile:
        players.append(Player("x-script", "<script>alert(1)</script> *Bold* | Pipe", "person",
                              ("{{ x }}", "[a](javascript:y)"), (), (), (), ("hostile-note",), 1, 0.1))
    events = [
        Event("work-begins", DateValue(PartialDate(2023), how="stated", expression="in 2023"),
              "Meridian Build began work on the bridge.", (ref(a2, 1, 3),), ("meridian-build",)),
        Event("opening-due", DateValue(PartialDate(2025, 12), how="stated", expression="December 2025"),
              "The bridge was due to open.", (ref(a1, 3, 1),), ("port-alder",)),
        Event("talks-resume", DateValue(PartialDate(2026, 2), PartialDate(2026, 3), how="inferred",
                                        expression="late February"),
              "Talks between the town and the contractor resumed.", (ref(a2, 2, 3),),
              ("port-alder", "meridian-build")),
        Event("payments-halted", DateValue(PartialDate(2026, 2, 27), how="resolved", expression="on Friday"),
              "Port Alder stopped payments to Meridian Build.", (ref(a1, 1, 1), ref(a3, 1, 1)),
              ("port-alder", "meridian-build", "elena-ruiz")),
        Event("sta-review", DateValue(PartialDate(2026, 3, 2), how="inferred"),
              "The State Transport Agency began reviewing the contract.", (ref(a1, 5, 2),),
              ("state-transport-agency",)),
        Event("owes-claim", DateValue(PartialDate(2026, 3, 5), how="inferred"),
              "Meridian Build said the town owes it $12 million.", (ref(a2, 1, 1),),
              ("meridian-build", "tom-okafor")),
        Event("supplier-unpaid", None, "The steel supplier has not been paid.", (ref(a1, 8, 1),)),
    ]
    if hostile:
        events.append(Event("hostile-event", DateValue(PartialDate(2026, 3, 5)),
                            "<script>window.__pwned=3</script> [x](javascript:z) | *s*",
                            (ref(articles[3], 1, 1),)))
    issues = (Issue("payment", "Payment"), Issue("delays", "Who caused the delays"))
    positions = (
        Position("elena-ruiz", "payment", "The town owes nothing until the bridge opens.", (ref(a3, 1, 2),)),
        Position("tom-okafor", "payment", "The town owes $12 million.", (ref(a2, 1, 1),)),
        Position("tom-okafor", "delays", "Late design changes caused the delays.", (ref(a2, 1, 2),)),
        Position("elena-ruiz", "delays", "The contractor missed three deadlines.", (ref(a1, 1, 2),)),
    )
    disagreements = (
        Disagreement("owed", "Money owed by the town", (
            Claim("$12 million", (ref(a2, 1, 1),)), Claim("nothing", (ref(a3, 1, 2),)))),
        Disagreement("contract-status", "Status of the contract", (
            Claim("under review by the STA", (ref(a1, 5, 2),)),
            Claim("threatened with cancellation", (ref(a2, 2, 2),))), settled=True),
    )
    agreements = (Agreement("payments-stopped", "Payments", "Port Alder stopped paying Meridian Build",
                            (ref(a1, 1, 1), ref(a3, 1, 1))),)
    tables = (ArticleTable("gazette-costs", COST_TABLE, ref(a1, 7, 0)),)
    questions = [
        Question("open-this-year", "Will the bridge open this year?", "asked", (ref(a2, 3, 1),)),
        Question("sta-intervene", "Whether the STA can intervene", "whether", (ref(a1, 5, 3),),
                 Statement("The STA said it would decide by April.", ref(a3, 1, 3))),
    ]
    outlets = (CitedOutlet("Coastal Times", (ref(a1, 8, 1),)),)
    relations = (
        Relation("port-alder", "negotiates with", "meridian-build", (ref(a2, 2, 3),)),
        Relation("elena-ruiz", "criticises", "meridian-build", (ref(a1, 1, 2),)),
        Relation("state-transport-agency", "reviews", "port-alder", (ref(a1, 5, 2),)),
    )
    return Briefing(Story("The Port Alder bridge dispute",
                          "Port Alder and its contractor Meridian Build dispute who is to blame for a "
                          "harbour bridge that opened late, and how much is owed. *Invented* for tests."),
                    PartialDate(2026, 3, 5), tuple(articles), tuple(players), tuple(events), issues,
                    positions, disagreements, agreements, tables, tuple(questions), outlets, relations,
                    ("merged Meridian into Meridian Build",))


def write_project(root: Path, briefing: Briefing) -> Path:
    """A project folder with mkdocs.yml and docs/ rendered from `briefing` (the front-end files
    come in with the site build); returns root."""
    from generator.export import to_json
    from generator.render import render_pages
    from generator.scaffold import mkdocs_yml

    if root.exists():
        shutil.rmtree(root)
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(mkdocs_yml(briefing.story.title), encoding="utf-8")
    for rel, text in render_pages(briefing).items():
        path = root / "docs" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "docs" / "briefing.json").write_text(to_json(briefing), encoding="utf-8")
    return root


def build_fixture_site(root: Path, briefing: Briefing | None = None) -> Path:
    """Render and build the sample briefing under root as `briefing build` does (lean search
    index, lean source pages); returns the site folder."""
    from generator.site import LEAN_PAGES, SEARCH_SECTIONS
    from generator.site import build_site

    write_project(root, briefing or sample_briefing())
    build_site(root, root / "docs", root / "site", strict=True, search_sections=SEARCH_SECTIONS,
               lean_pages=LEAN_PAGES)
    return root / "site"
