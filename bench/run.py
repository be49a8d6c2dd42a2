"""Benchmark: briefing against the work it cannot avoid, measured in one run on one machine.

    .venv/bin/python bench/run.py [--sizes 100,1000,10000] [--out bench/out] [--no-browser]

For each corpus size it builds a corpus from real article text (bench/make_corpus.py) and
prints ratios against bare tools on the same input, never absolute targets baked into a test:
  gen/nlp       cold generation (parse + extract + render, empty cache) / bare spaCy `nlp.pipe`
                over the same paragraphs with the same model and processes       target <= 1.25
  add/cold      adding one article to the cached corpus / cold generation        target <= 0.05
  build/mkdocs  `briefing build` (cache warm) / bare `mkdocs build` of the same pages, both as
                the commands a user runs (fresh process, imports and model load included) <= 1.3
  site s/1k     seconds of `mkdocs build` per 1,000 articles (flat = linear growth)
  site MB       size of site/ from `briefing build`                             target < 150 at 10k
  index KB      search index size; first ms: headless Chromium, page load to the first search
                result for a player's name                                      target < 1500 at 10k
  peak MB       peak resident memory of cold generation: the main process plus its largest
                worker                                                           target < 2048 at 10k
Each step runs in a fresh process, so memory and caches do not leak between steps; in the
in-process steps (nlp, cold, warm) the model is loaded before the clock starts.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent

STEP = r"""
import json, sys, time, resource
from pathlib import Path
mode, root = sys.argv[1], Path(sys.argv[2])
from generator.config import Project
from generator import build, corpus, nlp
pipe = nlp.load_pipeline(nlp.model_name())  # the one generate() uses, loaded outside every timing
if mode == "nlp":
    c = corpus.load(root)
    texts = [p.text for a in c.articles for p in a.paragraphs if p.kind != "table"]
    n = 2 if len(c.articles) >= build.PARALLEL_FROM else 1
    t = time.perf_counter()
    for _ in pipe.pipe(texts, n_process=n, batch_size=build.BATCH_SIZE):
        pass
else:
    t = time.perf_counter()
    g = build.generate(Project(root), use_cache=True)  # cold: the cache is empty, and filled
    build.write_docs(Project(root), g)
elapsed = time.perf_counter() - t
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"seconds": elapsed, "peak_mb": own + child}))
"""


def snapshot(out: Path) -> Path:
    """A copy of the generator as it is now: every step of the run measures the same code, even
    while someone edits the working tree (which would also change the cache's code fingerprint)."""
    code = out / "code"
    if code.exists():
        shutil.rmtree(code)
    shutil.copytree(ROOT / "generator", code / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    (code / "web").symlink_to(ROOT / "web")
    return code


def env_for(code: Path) -> dict[str, str]:
    return dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=str(code))


def step(mode: str, root: Path, code: Path) -> dict[str, float]:
    """Run one measured in-process step (`nlp`, `cold`, `warm`) in a fresh interpreter."""
    proc = subprocess.run([sys.executable, "-c", STEP, mode, str(root)], stdout=subprocess.PIPE,
                          text=True, env=env_for(code), cwd=code)
    if proc.returncode:
        raise SystemExit(f"bench step {mode} failed on {root}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def command(args: list[str], cwd: Path, code: Path) -> float:
    """Wall-clock seconds of a command as a user runs it."""
    t = time.perf_counter()
    proc = subprocess.run(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                          env=env_for(code))
    elapsed = time.perf_counter() - t
    if proc.returncode:
        sys.stderr.write(proc.stderr[-4000:])
        raise SystemExit(f"{' '.join(args)} failed in {cwd}")
    return elapsed


def du_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def first_result_ms(site: Path, query: str) -> float | None:
    """Serve the site over HTTP, open it in headless Chromium, type a query at once, and time
    page load to the first search result (download and indexing of the search index included)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not Path("/usr/bin/chromium").exists():
        return None
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"])
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            t = time.perf_counter()
            page.goto(f"http://127.0.0.1:{server.server_port}/", wait_until="domcontentloaded")
            page.locator("input.md-search__input").click()
            page.keyboard.type(query)
            page.wait_for_selector(".md-search-result__item", timeout=180_000)
            elapsed = (time.perf_counter() - t) * 1000
            browser.close()
            return elapsed
    finally:
        server.shutdown()


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def measure(size: int, out: Path, code: Path, browser: bool) -> dict[str, object]:
    from make_corpus import make  # type: ignore[import-not-found]  # beside this file

    root = out / f"corpus-{size}"
    log(f"{size}: making the corpus")
    make(root, size, ROOT / "corpus" / "articles")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    row: dict[str, object] = {"articles": size}
    log(f"{size}: bare nlp.pipe")
    bare = step("nlp", root, code)
    log(f"{size}: cold generation")
    shutil.rmtree(root / ".briefing-cache", ignore_errors=True)
    cold = step("cold", root, code)
    row.update({"nlp s": bare["seconds"], "gen s": cold["seconds"],
                "gen/nlp": cold["seconds"] / bare["seconds"], "peak MB": cold["peak_mb"]})
    log(f"{size}: warm cache, one article added")
    added = root / "corpus" / "articles" / "zz-added.md"
    make(out / "one-more", 1, ROOT / "corpus" / "articles", seed=size + 1)
    shutil.copy(out / "one-more" / "corpus" / "articles" / "a00000.md", added)
    warm = step("warm", root, code)
    row["add s"] = warm["seconds"]
    row["add/cold"] = warm["seconds"] / cold["seconds"]
    log(f"{size}: briefing build")
    # `briefing build` is `python -m generator build`, run from the snapshot
    built = command([sys.executable, "-m", "generator", "-q", "build"], root, code)
    log(f"{size}: bare mkdocs build")
    (root / "bare-site").mkdir(exist_ok=True)
    mk = command([str(VENV_BIN / "mkdocs"), "build", "-q", "-d", "bare-site"], root, code)
    row.update({"build s": built, "mkdocs s": mk, "build/mkdocs": built / mk,
                "site s/1k": mk / size * 1000, "site MB": du_mb(root / "site"),
                "sources MB": du_mb(root / "site" / "sources"),
                "json MB": (root / "site" / "briefing.json").stat().st_size / 1e6,
                "bare MB": du_mb(root / "bare-site")})
    shutil.rmtree(root / "bare-site")
    index = root / "site" / "search" / "search_index.json"
    row["index KB"] = index.stat().st_size / 1000 if index.exists() else float("nan")
    if browser:
        log(f"{size}: first search result in Chromium")
        players = json.loads((root / "docs" / "briefing.json").read_text())["players"]
        query = players[0]["name"] if players else "talks"
        ms = first_result_ms(root / "site", query)
        row["first ms"] = ms if ms is not None else float("nan")
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description="briefing benchmark")
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, "
          f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.1f} GiB RAM, "
          f"Python {platform.python_version()}, {platform.platform()}", flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    code = snapshot(args.out)
    rows = []
    for size in sizes:
        row = measure(size, args.out, code, not args.no_browser)
        rows.append(row)
        print(json.dumps(row), flush=True)
    (args.out / "results.json").write_text(json.dumps(rows, indent=1) + "\n")
    keys = list(dict.fromkeys(k for r in rows for k in r))
    print("\n| " + " | ".join(keys) + " |")
    print("|" + "---|" * len(keys))
    for r in rows:
        cells = [f"{r[k]:.3g}" if isinstance(r.get(k), float) else str(r.get(k, "")) for k in keys]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.path.insert(0, str(ROOT))
    main()
