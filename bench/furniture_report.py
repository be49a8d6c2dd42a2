"""What the page-furniture rules mark in real coverage, to read after changing a rule.

    .venv/bin/python bench/furniture_report.py [--dev ../shared/eval/dev] [--set full|articles]
                                               [--kind KIND] [--show N]

Prints, per story, how many blocks and words each kind of furniture took, then up to N blocks
of each kind (all stories together), so a person can judge whether each one is furniture. Also
lists the headings guessed without a `#`, since a wrong guess takes a sentence out of extraction.
The texts stay in ../shared; nothing is written.
"""
from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    from generator import corpus

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", default=str(ROOT.parent / "shared" / "eval" / "dev"))
    ap.add_argument("--set", default="full", choices=("articles", "full"))
    ap.add_argument("--kind", default=None, help="show only this kind (e.g. comment, promo, heading)")
    ap.add_argument("--show", type=int, default=15)
    args = ap.parse_args()
    examples: dict[str, list[str]] = collections.defaultdict(list)
    print("| story | articles | blocks | furniture blocks | furniture words % | by kind |")
    print("|---|---|---|---|---|---|")
    for story in sorted(p for p in Path(args.dev).iterdir() if (p / args.set).is_dir()):
        blocks = marked = words = marked_words = 0
        kinds: collections.Counter[str] = collections.Counter()
        files = sorted((story / args.set).glob("*.md"))
        for path in files:
            lines = path.read_text(encoding="utf-8").split("\n")
            end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
            for p in corpus.split_blocks(lines[end + 1:], end + 2):
                n = len(p.text.split())
                blocks += 1
                words += n
                kind = p.furniture or ("heading" if p.kind == "heading" else "")
                if p.furniture:
                    marked += 1
                    marked_words += n
                if kind:
                    kinds[kind] += 1
                    if len(examples[kind]) < 2000:
                        examples[kind].append(f"{story.name}/{path.stem}:{p.line}: {p.text[:160]}")
        by_kind = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
        print(f"| {story.name} | {len(files)} | {blocks} | {marked} | "
              f"{100 * marked_words / max(words, 1):.1f} | {by_kind} |")
    for kind in sorted(examples):
        if args.kind and kind != args.kind:
            continue
        shown = examples[kind]
        step = max(1, len(shown) // max(args.show, 1))  # spread over the stories, not the first file
        print(f"\n## {kind} ({len(shown)})")
        for line in shown[::step][:args.show]:
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
