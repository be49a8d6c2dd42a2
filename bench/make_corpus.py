"""Make a large benchmark corpus from real article text, with varied names, dates and outlets.

Paragraphs come from real news articles (the seed corpus by default). Each synthetic article
mixes paragraphs from several sources, and every person, organisation and place the English
pipeline finds is replaced consistently (within the article) by a name drawn from pools, so
that names, outlets and dates vary across the corpus as in a long-running story, and no two
articles are copies of one file. Deterministic for a given seed.

    python bench/make_corpus.py OUT_DIR --articles 1000 [--source corpus/articles]
"""
from __future__ import annotations

import argparse
import random
import re
import shutil
from pathlib import Path

FIRST = ("Maria Elena Tomas Ingrid Kwame Aisha Pavel Lucia Hiroshi Nadia Omar Greta Rafael Mei "
         "Samuel Leila Dmitri Chloe Arjun Fatima Jonas Amara Viktor Sofia Diego Hana Tariq Ines "
         "Marcus Yara Felix Zainab Oskar Priya Mateo Alina Kofi Noor Emil Wanjiru").split()
LAST = ("Okafor Lindqvist Moreau Tanaka Novak Haddad Brennan Castillo Fischer Osei Kowalski "
        "Petrov Rahman Delgado Nakamura Berg Adeyemi Laurent Sato Quinn Varga Mendes Holm Ito "
        "Abbas Keller Duarte Sorensen Mwangi Rossi Hughes Vance Kaur Iqbal Weber Silva Ng Costa").split()
ORG_A = ("Northwind Helix Meridian Aurora Cobalt Sterling Apex Lumen Vertex Harbor Summit Beacon "
         "Orion Cascade Granite Zephyr Solace Keystone Pioneer Atlas").split()
ORG_B = ("Labs Systems Dynamics Institute Agency Council Group Industries Authority Foundation "
         "Robotics Analytics Ministry Commission Partners").split()
PLACES = ("Lisbon Nairobi Osaka Quebec Tallinn Accra Valparaiso Leipzig Perth Gdansk Bergen "
          "Tucson Cork Mombasa Utrecht").split()
OUTLETS = ("The Harbour Gazette|Daily Meridian|The Northern Ledger|Coastal Times|Metro Wire|"
           "The Civic Post|Evening Courier|Lakeside Herald|The Plainsman|Capital Dispatch|"
           "Tech Observer|Policy Review Weekly").split("|")
VARIANTS = 6
MONTHS = ("January February March April May June July August September October November "
          "December").split()


def read_paragraphs(source: Path) -> list[list[str]]:
    """The body lines of every article in `source` (markdown with front matter, or plain text)."""
    out = []
    for path in sorted(source.iterdir()):
        if path.suffix not in (".md", ".txt"):
            continue
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            text = text.split("\n---\n", 1)[1]
        lines = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("|")]
        out.append(lines)
    return out


def entity_spans(lines: list[str]) -> list[list[tuple[int, int, str]]]:
    """(start, end, label) of PERSON/ORG/GPE/NORP entities in each line, from the real pipeline."""
    from generator.nlp import load_pipeline

    nlp = load_pipeline()
    spans = []
    for doc in nlp.pipe(lines, disable=["parser", "lemmatizer"]):
        spans.append([(e.start_char, e.end_char, e.label_) for e in doc.ents
                      if e.label_ in ("PERSON", "ORG", "GPE")])
    return spans


def make(out: Path, count: int, source: Path, seed: int = 7) -> None:
    rng = random.Random(seed)
    articles = read_paragraphs(source)
    flat = [line for lines in articles for line in lines]
    spans = entity_spans(flat)
    pool = list(zip(flat, spans))
    if out.exists():
        shutil.rmtree(out)
    (out / "corpus" / "articles").mkdir(parents=True)
    # A long-running story has a recurring cast: each real name maps to one of a few stand-ins,
    # chosen per article, so names recur across articles without every article being alike.
    variants: dict[tuple[str, str], list[str]] = {}

    def stand_ins(name: str, label: str) -> list[str]:
        key = (name.split()[-1] if label == "PERSON" else name, label)
        if key not in variants:
            if label == "PERSON":
                variants[key] = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(VARIANTS)]
            elif label == "ORG":
                variants[key] = [f"{rng.choice(ORG_A)} {rng.choice(ORG_B)}" for _ in range(VARIANTS)]
            else:
                variants[key] = [rng.choice(PLACES) for _ in range(VARIANTS)]
        return variants[key]

    for i in range(count):
        mapping: dict[str, str] = {}

        def fake(name: str, label: str) -> str:
            if name not in mapping:
                choice = rng.choice(stand_ins(name, label))
                mapping[name] = choice
                if label == "PERSON" and " " in name:
                    mapping[name.split()[-1]] = choice.split()[-1]
            return mapping[name]

        length = rng.randint(8, 30)
        start = rng.randrange(len(pool))
        lines = []
        for k in range(length):
            # Runs of consecutive real paragraphs, jumping elsewhere now and then.
            if k and rng.random() < 0.3:
                start = rng.randrange(len(pool)) - k
            text, ents = pool[(start + k) % len(pool)]
            for s, e, label in sorted(ents, reverse=True):
                text = text[:s] + fake(text[s:e], label) + text[e:]
            lines.append(text)
        year = rng.randint(2019, 2026)
        month = rng.randint(1, 12)
        day = rng.randint(1, 28)
        shift = {m: MONTHS[(j + month) % 12] for j, m in enumerate(MONTHS)}
        names = "|".join(MONTHS)
        # Only words that are surely months: "in May", "late March", "March 3" (not "may").
        month_word = re.compile(rf"\b(in|late|early|mid|since|by|of) ({names})\b|\b({names})(?= \d)")
        body = "\n".join(month_word.sub(
            lambda m: f"{m.group(1)} {shift[m.group(2)]}" if m.group(1) else shift[m.group(3)], line)
            for line in lines)
        body = re.sub(r"\b20(1\d|2\d)\b", lambda m: str(year - rng.randint(0, 3)), body)
        title = lines[0][:90].rsplit(" ", 1)[0].replace('"', "'")
        outlet = rng.choice(OUTLETS)
        front = (f'---\ntitle: "{title}"\noutlet: "{outlet}"\npublished: {year}-{month:02d}-{day:02d}\n'
                 f"url: https://example.org/{i:05d}\n---\n")
        (out / "corpus" / "articles" / f"a{i:05d}.md").write_text(front + body + "\n", encoding="utf-8")
    (out / "corpus" / "briefing.yml").write_text(
        "title: Benchmark story\nscope: A synthetic corpus made from real article text.\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--source", type=Path, default=Path(__file__).resolve().parent.parent / "corpus" / "articles")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    make(args.out, args.articles, args.source, args.seed)


if __name__ == "__main__":
    main()
