"""Benchmark: briefing against the work it cannot avoid, measured in one run on one machine.

    .venv/bin/python bench/run.py [--sizes 100,1000,10000] [--out bench/out] [--no-browser] [--no-nlp]
    .venv/bin/python bench/run.py --real ../shared/eval/dev [--quick] [--no-site] [--only all,STORY]

For each corpus size it builds a corpus from real article text (bench/make_corpus.py); with
`--real`, it also measures real coverage: each development story's `full/` folder alone and all
of them together, read from where they are (the project's articles folder holds symlinks to
them: the publishers' texts are never copied). Adding an article there is adding back the last
article (by name), held out of the cold generation. `--quick` measures the smallest story only,
without the site. It prints ratios against bare tools on the same input, never absolute
targets baked into a test:
  gen/nlp       cold generation (parse + extract + render, empty cache) / bare spaCy `nlp.pipe`
                over the same paragraphs with the same model and processes       target <= 1.25
  add/cold      adding one article to the cached corpus / cold generation        target <= 0.05
  build/mkdocs  `briefing build` (cache warm) / bare `mkdocs build` of the same pages, both as
                the commands a user runs (fresh process, imports and model load included) <= 1.3
  site s/1k     seconds of `mkdocs build` per 1,000 articles (flat = linear growth)
  site MB       size of site/ from `briefing build`                             target < 150 at 10k
  index KB      search index size; first ms: headless Chromium, page load to the first search
                result for a player's name                                      target < 1500 at 10k
  peak MB       the most memory in use on the machine during cold generation, above what was in
                use before it (its processes, shared pages once)                 target < 2048 at 10k
Each step runs in a fresh process, so memory and caches do not leak between steps; in the
in-process steps (nlp, cold, warm) the model is loaded before the clock starts. Each of those
reports wall seconds and CPU seconds (user + system, the process and its workers): on a shared
machine the CPU seconds are the steadier measure, so the ratios are given in both (`cpu` columns).
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
def cpu():
    # user + system seconds of this process and its (finished) workers
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime
if mode.startswith("nlp"):
    c = corpus.load(root)
    # what nlp.parse parses: tables and page furniture are left out
    texts = [p.text for a in c.articles for p in a.paragraphs if p.kind != "table" and not p.furniture]
    n = 2 if len(c.articles) >= build.PARALLEL_FROM else 1
    n = int(mode[3:]) if mode[3:] else n  # nlp1, nlp2: a given number of processes
    cpu0 = cpu()
    t = time.perf_counter()
    for _ in pipe.pipe(texts, n_process=n, batch_size=build.BATCH_SIZE):
        pass
else:
    cpu0 = cpu()
    t = time.perf_counter()
    g = build.generate(Project(root), use_cache=True)  # cold: the cache is empty, and filled
    build.write_docs(Project(root), g)
elapsed = time.perf_counter() - t
used = cpu() - cpu0
print(json.dumps({"seconds": elapsed, "cpu": used}))
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
    # The step before may leave tens of megabytes of written files (cache entries, pages) for the
    # kernel to flush; flushed now, they do not slow this step's own writes.
    os.sync()
    with MemoryPeak() as memory:
        proc = subprocess.run([sys.executable, "-c", STEP, mode, str(root)], stdout=subprocess.PIPE,
                              text=True, env=env_for(code), cwd=code)
    if proc.returncode:
        raise SystemExit(f"bench step {mode} failed on {root}")
    result: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    result["peak_mb"] = memory.peak_mb
    return result


class MemoryPeak:
    """The most memory the machine had in use while the block ran, above what it had in use
    before (MemTotal - MemAvailable, every 20 ms). A build's forked processes share their
    parent's pages until they write to them; summing their resident sizes would count those
    pages once per process, so the machine's own count is taken instead."""

    def __enter__(self) -> MemoryPeak:
        import threading

        self.before = self.peak = _in_use_mb()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, _in_use_mb())

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def peak_mb(self) -> float:
        return self.peak - self.before


def _in_use_mb() -> float:
    with open("/proc/meminfo") as f:
        info = {k: int(v.split()[0]) for k, v in (line.split(":", 1) for line in f)}
    return (info["MemTotal"] - info["MemAvailable"]) / 1024


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


def measure(size: int, out: Path, code: Path, site: bool, browser: bool, bare_nlp: bool = True) -> dict[str, object]:
    from make_corpus import make  # type: ignore[import-not-found]  # beside this file

    root = out / f"corpus-{size}"
    log(f"{size}: making the corpus")
    make(root, size, ROOT / "corpus" / "articles")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    row: dict[str, object] = {"articles": size}
    bare = None
    if bare_nlp:
        log(f"{size}: bare nlp.pipe")
        bare = step("nlp", root, code)
    log(f"{size}: cold generation")
    shutil.rmtree(root / ".briefing-cache", ignore_errors=True)
    cold = step("cold", root, code)
    if bare:
        row.update({"nlp s": bare["seconds"], "gen/nlp": cold["seconds"] / bare["seconds"]})
    row.update({"gen s": cold["seconds"], "peak MB": cold["peak_mb"]})
    log(f"{size}: warm cache, one article added")
    added = root / "corpus" / "articles" / "zz-added.md"
    make(out / "one-more", 1, ROOT / "corpus" / "articles", seed=size + 1)
    shutil.copy(out / "one-more" / "corpus" / "articles" / "a00000.md", added)
    warm = step("warm", root, code)
    row.update({"add s": warm["seconds"], "add/cold": warm["seconds"] / cold["seconds"],
                "add peak MB": warm["peak_mb"]})
    if bare:
        row.update({"nlp cpu": bare["cpu"], "gen/nlp cpu": cold["cpu"] / bare["cpu"]})
    row.update({"gen cpu": cold["cpu"], "add cpu": warm["cpu"], "add/cold cpu": warm["cpu"] / cold["cpu"]})
    if site:
        site_steps(row, root, size, code, browser)
    return row


def _link(target: Path, link: Path) -> None:
    """`link` as a hard link to `target` (corpus.load refuses symbolic links to files), or a
    copy when they are on different file systems: under bench/out, which git ignores."""
    try:
        os.link(target, link)
    except OSError:
        shutil.copyfile(target, link)


def real_project(out: Path, name: str, files: list[Path]) -> tuple[Path, Path]:
    """A project over real articles, each linked to its file in ../shared (named
    `<story>-<file>`, so that stories together give distinct ids); the last one (by name) is held
    out for the adding step. Returns the project's root and the held-out article's link."""
    from generator.scaffold import briefing_yml

    root = out / f"real-{name}"
    shutil.rmtree(root, ignore_errors=True)
    articles = root / "corpus" / "articles"
    articles.mkdir(parents=True)
    (root / "corpus" / "briefing.yml").write_text(briefing_yml("A developing story"), encoding="utf-8")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    links = sorted((f"{f.parent.parent.name}-{f.name}", f) for f in files)
    for link, target in links[:-1]:
        _link(target.resolve(), articles / link)
    held = out / f"real-{name}-held" / links[-1][0]
    held.parent.mkdir(parents=True, exist_ok=True)
    held.unlink(missing_ok=True)
    _link(links[-1][1].resolve(), held)
    return root, held


def measure_real(name: str, files: list[Path], out: Path, code: Path, site: bool, browser: bool,
                 both: bool) -> dict[str, object]:
    """The in-process steps (and, with `site`, the site steps) on real articles. With `both`,
    bare spaCy is timed with one and with two processes and the faster counts, as a user would
    run it."""
    root, held = real_project(out, name, files)
    words = sum(len(f.read_text(encoding="utf-8").split()) for f in files)
    row: dict[str, object] = {"articles": f"{name} ({len(files)})", "words": words}
    log(f"{name}: bare nlp.pipe")
    runs = [step("nlp1", root, code), step("nlp2", root, code)] if both else [step("nlp", root, code)]
    bare = min(runs, key=lambda r: r["seconds"])
    log(f"{name}: cold generation of {len(files) - 1} articles")
    cold = step("cold", root, code)
    row.update({"nlp s": bare["seconds"], "gen s": cold["seconds"], "gen/nlp": cold["seconds"] / bare["seconds"],
                "nlp cpu": min(r["cpu"] for r in runs), "gen cpu": cold["cpu"],
                "gen/nlp cpu": cold["cpu"] / min(r["cpu"] for r in runs), "peak MB": cold["peak_mb"]})
    log(f"{name}: warm cache, the held-out article added")
    _link(held, root / "corpus" / "articles" / held.name)
    warm = step("warm", root, code)
    row.update({"add s": warm["seconds"], "add/cold": warm["seconds"] / cold["seconds"],
                "add peak MB": warm["peak_mb"], "add cpu": warm["cpu"], "add/cold cpu": warm["cpu"] / cold["cpu"]})
    if site:
        site_steps(row, root, len(files), code, browser)
    return row


def site_steps(row: dict[str, object], root: Path, size: int, code: Path, browser: bool) -> None:
    """`briefing build` (cache warm) against bare `mkdocs build`, the site's size, the search."""
    log(f"{row['articles']}: briefing build")
    # `briefing build` is `python -m generator build`, run from the snapshot
    built = command([sys.executable, "-m", "generator", "-q", "build"], root, code)
    log(f"{row['articles']}: bare mkdocs build")
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
        log(f"{row['articles']}: first search result in Chromium")
        players = json.loads((root / "docs" / "briefing.json").read_text())["players"]
        query = players[0]["name"] if players else "talks"
        ms = first_result_ms(root / "site", query)
        row["first ms"] = ms if ms is not None else float("nan")


def real_corpora(dev: Path, quick: bool) -> list[tuple[str, list[Path]]]:
    """Each story's full/ folder alone, then all together; with `quick`, the smallest story."""
    stories = {p.parent.name: sorted(p.glob("*.md")) for p in sorted(dev.glob("*/full")) if p.is_dir()}
    if not stories:
        raise SystemExit(f"no <story>/full/ folders in {dev}")
    if quick:
        name = min(stories, key=lambda n: sum(f.stat().st_size for f in stories[n]))
        return [(name, stories[name])]
    return [*stories.items(), ("all", [f for files in stories.values() for f in files])]


def main() -> None:
    parser = argparse.ArgumentParser(description="briefing benchmark")
    parser.add_argument("--sizes", default=None,
                        help="synthetic corpus sizes (default 100,1000,10000; none with --real)")
    parser.add_argument("--real", type=Path, default=None, metavar="DEV",
                        help="also measure the real stories of DEV (../shared/eval/dev): <story>/full/*.md")
    parser.add_argument("--quick", action="store_true", help="with --real: the smallest story only, no site")
    parser.add_argument("--only", default="", metavar="NAMES",
                        help="with --real: these corpora only, comma-separated (a story's name, or all)")
    parser.add_argument("--no-site", action="store_true", help="skip the site steps")
    parser.add_argument("--no-nlp", action="store_true",
                        help="synthetic sizes: skip bare spaCy (gen/nlp is left out; nearly half an hour at 10,000)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    args.out = args.out.resolve()  # the steps run in the code snapshot's folder
    sizes_arg = args.sizes if args.sizes is not None else ("" if args.real else "100,1000,10000")
    sizes = [int(s) for s in sizes_arg.split(",") if s]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, "
          f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.1f} GiB RAM, "
          f"Python {platform.python_version()}, {platform.platform()}", flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    code = snapshot(args.out)
    rows = []
    for size in sizes:
        row = measure(size, args.out, code, not args.no_site, not args.no_browser, not args.no_nlp)
        rows.append(row)
        print(json.dumps(row), flush=True)
    if args.real:
        only = {n for n in args.only.split(",") if n}
        for name, files in real_corpora(args.real, args.quick):
            if only and name not in only:
                continue
            site = not (args.quick or args.no_site)
            row = measure_real(name, files, args.out, code, site, site and not args.no_browser, not args.quick)
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
