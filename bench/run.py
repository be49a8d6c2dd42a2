"""Benchmark: briefing against the work it cannot avoid, measured in one run on one machine.

    python bench/run.py [--sizes 100,1000,10000] [--out bench/out] [--no-browser]

For each corpus size it builds a corpus from real article text (bench/make_corpus.py) and
prints ratios, never absolute targets baked into a test:
  gen/nlp     cold generation (parse + extract + render, no cache) / bare spaCy nlp.pipe over
              the same paragraphs with the same model and processes          target <= 1.25
  add/cold    adding one article to a cached corpus / cold generation        target <= 0.05
  build/mkdocs  `briefing build` (cache warm) / bare `mkdocs build` of the same pages  <= 1.3
  site s/1k   seconds of site build per 1,000 articles (should stay about flat)
  site MB     size of site/ on disk                                          target < 150 at 10k
  index KB    search index size; first-result ms in headless Chromium        target < 1500 at 10k
  peak MB     peak resident memory of the generating process                 target < 2048 at 10k
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STEP = r"""
import json, sys, time, resource
from pathlib import Path
mode, root = sys.argv[1], Path(sys.argv[2])
from generator.config import Project
from generator import build, corpus, nlp
t = time.perf_counter()
if mode == "nlp":
    c = corpus.load(root)
    pipe = nlp.load_pipeline()
    texts = [p.text for a in c.articles for p in a.paragraphs if p.kind != "table"]
    n = 2 if len(c.articles) >= build.PARALLEL_FROM else 1
    t = time.perf_counter()
    for _ in pipe.pipe(texts, n_process=n, batch_size=64):
        pass
elif mode == "cold":
    pipe = nlp.load_pipeline()
    t = time.perf_counter()
    g = build.generate(Project(root), use_cache=False)
    build.write_docs(Project(root), g)
elif mode == "warm":
    pipe = nlp.load_pipeline()
    t = time.perf_counter()
    g = build.generate(Project(root), use_cache=True)
    build.write_docs(Project(root), g)
elif mode == "build":
    pipe = nlp.load_pipeline()
    t = time.perf_counter()
    build.build(Project(root), use_cache=True)
elif mode == "mkdocs":
    from mkdocs.commands.build import build as mk_build
    from mkdocs.config import load_config
    cfg = load_config(str(root / "mkdocs.yml"), docs_dir=str(root / "docs"), site_dir=str(root / "bare-site"))
    t = time.perf_counter()
    mk_build(cfg)
elapsed = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": elapsed, "peak_mb": peak}))
"""


def step(mode: str, root: Path) -> dict[str, float]:
    """Run one measured step in a fresh process (so memory and caches don't leak between steps)."""
    env = dict(os.environ, PYTHONHASHSEED="0")
    proc = subprocess.run([sys.executable, "-c", STEP, mode, str(root)], capture_output=True, text=True, env=env)
    if proc.returncode:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"bench step {mode} failed on {root}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def du_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def first_result_ms(site: Path, query: str) -> float | None:
    """Open the built site over HTTP in headless Chromium, type a query, time the first result."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not Path("/usr/bin/chromium").exists():
        return None
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a, **k: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"])
            page = browser.new_page()
            t = time.perf_counter()
            page.goto(f"http://127.0.0.1:{server.server_port}/")
            page.click("label[for=__search]")
            page.keyboard.type(query)
            page.wait_for_selector(".md-search-result__item", timeout=120_000)
            elapsed = (time.perf_counter() - t) * 1000
            browser.close()
            return elapsed
    finally:
        server.shutdown()


def main() -> None:
    from make_corpus import make  # type: ignore[import-not-found]  # beside this file

    parser = argparse.ArgumentParser(description="briefing benchmark")
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.platform()}")
    rows = []
    for size in sizes:
        root = args.out / f"corpus-{size}"
        make(root, size, ROOT / "corpus" / "articles")
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
        bare = step("nlp", root)
        cold = step("cold", root)
        row: dict[str, object] = {"articles": size, "nlp s": bare["seconds"], "gen s": cold["seconds"],
                                  "gen/nlp": cold["seconds"] / bare["seconds"], "peak MB": cold["peak_mb"]}
        if size == 1000 or size == sizes[0]:
            extra = root / "corpus" / "articles" / "zz-added.md"
            make(args.out / "one-more", 1, ROOT / "corpus" / "articles", seed=size + 1)
            shutil.copy(args.out / "one-more" / "corpus" / "articles" / "a00000.md", extra)
            warm = step("warm", root)
            row["add/cold"] = warm["seconds"] / cold["seconds"]
        built = step("build", root)
        mk = step("mkdocs", root)
        row["build/mkdocs"] = built["seconds"] / mk["seconds"]
        row["site s/1k"] = mk["seconds"] / size * 1000
        row["site MB"] = du_mb(root / "site")
        index = root / "site" / "search" / "search_index.json"
        row["index KB"] = index.stat().st_size / 1000 if index.exists() else float("nan")
        if not args.no_browser:
            players = json.loads((root / "docs" / "briefing.json").read_text())["players"]
            query = players[0]["name"].split()[0] if players else "talks"
            ms = first_result_ms(root / "site", query)
            row["first result ms"] = ms if ms is not None else float("nan")
        rows.append(row)
        print(json.dumps(row), flush=True)
    keys = list(dict.fromkeys(k for r in rows for k in r))
    print("\n| " + " | ".join(keys) + " |")
    print("|" + "---|" * len(keys))
    for r in rows:
        cells = [f"{r[k]:.3g}" if isinstance(r.get(k), float) else str(r.get(k, "")) for k in keys]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
