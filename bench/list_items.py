"""List the top disagreements and open questions of each story, to judge them one by one.

    .venv/bin/python bench/dev_eval.py --dev ../shared/eval/dev --keep /tmp/briefing-json
    .venv/bin/python bench/list_items.py /tmp/briefing-json [--top 10]

Prints, per story, the first N disagreements (topic, each version with who gives it and the
articles) and the first N questions (kind, text, first source, answer if any), numbered as
bench/judgements/*.md refers to them. Read the cited sentence before judging: an item is real
when two sources give different versions of the same fact at the same time (a disagreement),
or when the article's own reporting leaves a question of this story open (a question).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def short(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", help="the folder of <story>.json written by dev_eval.py --keep")
    ap.add_argument("--top", type=int, default=10)
    ap.add_argument("--width", type=int, default=160)
    args = ap.parse_args()
    for path in sorted(Path(args.folder).glob("*.json")):
        b = json.loads(path.read_text(encoding="utf-8"))
        print(f"## {path.stem}: {len(b['disagreements'])} disagreements, {len(b['questions'])} questions")
        for n, d in enumerate(b["disagreements"][: args.top], 1):
            print(f"D{n}. {short(d['topic'], args.width)}")
            for c in d["claims"]:
                arts = ", ".join(sorted({s['article'] for s in c["sources"]}))
                by = f" [by {c['by']}]" if c.get("by") else ""
                print(f"    - {short(c['value'], args.width)}{by} ({arts})")
            print(f"    quote: {short(d['claims'][0]['sources'][0]['quote'], args.width)}")
        for n, q in enumerate(b["questions"][: args.top], 1):
            print(f"Q{n}. [{q['kind']}] {short(q['text'], args.width)} ({q['sources'][0]['article']})")
            if q.get("answer"):
                print(f"    answered: {short(q['answer']['text'], args.width)} ({q['answer']['source']['article']})")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
