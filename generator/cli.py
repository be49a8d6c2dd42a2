"""The `briefing` command: a thin layer over generator.build.

Exit codes: 0 success, 1 bad input (every problem printed as `path:line: message`),
2 usage errors, 70 a bug in briefing (with the traceback).
"""
from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .config import Project, find_project
from .errors import BriefingError, UsageError

EXIT_BAD_INPUT = 1
EXIT_USAGE = 2
EXIT_BUG = 70


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.run(args) or 0)
    except BriefingError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        count = len(exc.problems)
        print(f"briefing: {count} problem{'s' if count != 1 else ''}; nothing was written", file=sys.stderr)
        return EXIT_BAD_INPUT
    except UsageError as exc:
        print(f"briefing: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("briefing: interrupted; docs/ and site/ are as they were", file=sys.stderr)
        return 130
    except Exception:  # a bug, not bad input: show everything needed to report it
        traceback.print_exc()
        print(f"briefing {__version__}: internal error; please report it with the traceback above",
              file=sys.stderr)
        return EXIT_BUG


def make_parser() -> argparse.ArgumentParser:
    # The common options are accepted before or after the command; SUPPRESS keeps a
    # subcommand's unset option from overwriting one given before the command.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--project", metavar="DIR", type=Path, default=argparse.SUPPRESS,
                        help="the briefing's folder (the one holding mkdocs.yml); default: the current folder")
    common.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS,
                        help="no progress on stderr")
    common.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                        help="more detail, tracebacks included")

    parser = argparse.ArgumentParser(
        prog="briefing", parents=[common],
        description="Turn a folder of news articles about one story into a briefing site.")
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    parser.set_defaults(project=None, quiet=False, verbose=False, command=None)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command")

    # what `build` and `generate` both take
    generation = argparse.ArgumentParser(add_help=False)
    generation.add_argument("--previous", metavar="FILE", type=Path,
                            help="the previously published briefing.json, for the What's new page")
    generation.add_argument("--no-cache", action="store_true", help="re-extract every article")
    generation.add_argument("--strict", action="store_true",
                            help="treat warnings (an empty article skipped, an unknown field) as errors")
    generation.add_argument("--scheduler", metavar="ADDRESS",
                            help="parse uncached articles on this Dask scheduler's workers, e.g. "
                                 "tcp://10.0.0.5:8786 (default: $BRIEFING_SCHEDULER, else this machine)")

    p = sub.add_parser("build", parents=[common, generation],
                       help="generate pages and briefing.json, then the site",
                       description="Generate docs/ (pages and briefing.json) from the corpus, then build site/.")
    p.set_defaults(run=cmd_build, site=True)

    p = sub.add_parser("generate", parents=[common, generation], help="generate pages and briefing.json only",
                       description="Generate docs/ (pages and briefing.json) from the corpus; no site.")
    p.set_defaults(run=cmd_build, site=False)

    p = sub.add_parser("check", parents=[common], help="validate the corpus; fail if committed pages are stale",
                       description="Validate the corpus, warnings included (as --strict), and fail "
                                   "(exit 1) when docs/ differs from what the corpus generates.")
    p.set_defaults(run=cmd_check)

    p = sub.add_parser("serve", parents=[common], help="preview the site with live reload",
                       description="Serve the site locally, rebuilding when docs/ changes.")
    p.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT")
    p.set_defaults(run=cmd_serve)

    p = sub.add_parser("new", parents=[common], help="start a briefing on another story",
                       description="Create DIR with mkdocs.yml, corpus/ and docs/, ready to build.")
    p.add_argument("directory", type=Path, metavar="DIR")
    p.add_argument("--title", help="the story's title")
    p.set_defaults(run=cmd_new)

    p = sub.add_parser("add", parents=[common], help="add an article from a URL or a file",
                       description="Ingest an article from a web page, a saved HTML file, or a text or "
                                   "markdown file into corpus/articles/. Never overwrites an article.")
    p.add_argument("source", metavar="URL|FILE")
    p.add_argument("--title")
    p.add_argument("--outlet")
    p.add_argument("--url", help="the article's canonical address")
    p.add_argument("--published", help="ISO date at the precision known: 2026, 2026-03, 2026-03-06")
    p.add_argument("--author")
    p.add_argument("--language", help="language code, when the page does not say (default: en)")
    p.add_argument("--slug", help="the file name to use, without .md")
    p.set_defaults(run=cmd_add)

    p = sub.add_parser("diff", parents=[common], help="what changed between two briefing.json files",
                       description="Print, as Markdown, what changed between two briefing.json files.")
    p.add_argument("old", type=Path, metavar="OLD")
    p.add_argument("new", type=Path, metavar="NEW")
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of stdout")
    p.set_defaults(run=cmd_diff)

    p = sub.add_parser("bundle", parents=[common], help="an offline copy of the site in one zip file",
                       description="Write dist/<story>-<as-of>.zip: the site built for reading from disk, "
                                   "search included, with briefing.json and the source articles.")
    p.add_argument("--output", type=Path, metavar="DIR", help="folder for the zip (default: dist/)")
    p.set_defaults(run=cmd_bundle)
    return parser


def _project(args: argparse.Namespace) -> Project:
    return find_project(args.project)


def _reporter(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from .build import Reporter

    return Reporter(quiet=args.quiet)


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build

    project = _project(args)
    report = _reporter(args)
    from .distribute import scheduler_address

    generated = build(project, report, site=args.site, use_cache=not args.no_cache, previous=args.previous,
                      strict=args.strict, scheduler=scheduler_address(args.scheduler))
    for warning in generated.warnings:
        report.warn(warning)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from .build import check

    project = _project(args)
    stale = check(project, _reporter(args))
    if stale:
        for rel in stale:
            print(f"docs/{rel}: stale: differs from what the corpus generates", file=sys.stderr)
        print("hint: run `briefing generate` and commit docs/", file=sys.stderr)
        return EXIT_BAD_INPUT
    if not args.quiet:
        print("briefing: corpus valid; docs/ is up to date", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .site import serve

    project = _project(args)
    serve(project.root, dev_addr=args.dev_addr)
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from .scaffold import new_project

    written = new_project(args.directory, title=args.title)
    if not args.quiet:
        print(f"briefing: started a briefing in {args.directory} ({len(written)} files); "
              f"add articles with `briefing add URL|FILE --project {args.directory}`", file=sys.stderr)
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from .ingest import add_article

    project = _project(args)
    path = add_article(project.root, args.source, title=args.title, outlet=args.outlet, url=args.url,
                       published=args.published, author=args.author, language=args.language,
                       slug=args.slug)
    print(path.relative_to(project.root).as_posix())
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    from .build import read_previous
    from .diff import changes_markdown, diff_briefings

    old, new = read_previous(args.old), read_previous(args.new)
    assert old is not None and new is not None
    text = changes_markdown(diff_briefings(old, new))
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def cmd_bundle(args: argparse.Namespace) -> int:
    from .bundle import make_bundle

    project = _project(args)
    path = make_bundle(project, _reporter(args), output=args.output)
    print(os.path.relpath(path, Path.cwd()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
