"""A cache of per-article results, keyed on the file's path and bytes, the pipeline and the generator.

Each entry holds what one article file gave: the parsed article, its warnings, and its extracted
facts. A rebuild then neither re-reads front matter nor re-parses text of a file it has seen, and
adding one article to a large corpus parses and extracts only that article. The cache is local,
disposable and never committed; an unreadable entry is ignored and recomputed.
"""
from __future__ import annotations

import dataclasses
import hashlib
import io
import operator
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Generic, TypeVar

from . import __version__
from .errors import Problem
from .model import Article

V = TypeVar("V")

# Bump when a change to extraction changes what is stored, to drop every old entry.
SCHEMA = 2


PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the code and data that shape per-article results, so that editing an extractor
    (without bumping the version) cannot serve results computed by the old code."""
    return _digest([*PACKAGE.rglob("extract/**/*.py"), *PACKAGE.glob("data/*.yml"),
                    *(PACKAGE / name for name in ("nlp.py", "model.py", "corpus.py", "blocks.py",
                                                  "furniture.py", "slugs.py"))])


@lru_cache(maxsize=1)
def package_fingerprint() -> str:
    """A hash of every file of the generator (code, templates, data, assets): what turns a
    briefing's inputs into its pages. An installed package's vendor/ (front-end files, which
    go into the site, not the pages: frontend.py) is left out."""
    return _digest([p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                    and p.relative_to(PACKAGE).parts[0] != "vendor"])


def _digest(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Entry:
    """What one article file gave."""

    article: Article
    warnings: tuple[Problem, ...]
    facts: Any  # extract.ArticleFacts


class Store(Generic[V]):
    """Values of type `kind` by key, one file each in `folder` (none: in memory only)."""

    def __init__(self, folder: Path | None, kind: type[V]) -> None:
        self.folder = folder
        self.kind = kind
        self._loaded: dict[str, V] = {}

    def get(self, key: str) -> V | None:
        if key in self._loaded:
            return self._loaded[key]
        if self.folder is None:
            return None
        value = read(self._path(self.folder, key))
        if not isinstance(value, self.kind):
            return None
        self._loaded[key] = value
        return value

    def put(self, key: str, value: V) -> None:
        self._loaded[key] = value
        if self.folder is not None:
            write(self._path(self.folder, key), value)

    def has(self, key: str) -> bool:
        """Whether a value is stored under `key`, without reading it."""
        return key in self._loaded or self.folder is not None and self._path(self.folder, key).is_file()

    @staticmethod
    def _path(folder: Path, key: str) -> Path:
        return folder / key[:2] / f"{key}.pickle"

    @property
    def used(self) -> set[str]:
        """The keys read or written since the store was opened."""
        return set(self._loaded)

    def prune(self, keep: set[str]) -> None:
        """Remove the entries no build of this corpus uses any more (old code, old article
        versions) once they outnumber the ones in use, so the cache stays near the corpus's size."""
        if self.folder is None or not self.folder.is_dir():
            return
        entries = list(self.folder.glob("??/*.pickle"))
        if len(entries) <= 2 * len(keep) + 100:
            return
        for path in entries:
            if path.stem not in keep:
                path.unlink(missing_ok=True)


class FactsCache(Store[Entry]):
    def __init__(self, folder: Path | None, pipeline: str) -> None:
        super().__init__(folder, Entry)
        self.pipeline = pipeline
        self.salt = f"{SCHEMA}|{__version__}|{code_fingerprint()}|{pipeline}|"

    def key(self, path: str, sha256: str) -> str:
        """The entry of a file: its path in the project (the article's id may come from it) and
        the hash of its bytes."""
        return hashlib.sha256(f"{self.salt}{path}|{sha256}".encode()).hexdigest()

    def known(self, path: str, sha256: str) -> tuple[Article, tuple[Problem, ...]] | None:
        """The article and warnings a file with these bytes gave before (for `corpus.load`)."""
        entry = self.get(self.key(path, sha256))
        return (entry.article, entry.warnings) if entry else None


# What reading a damaged, truncated or outdated pickle raises.
UNREADABLE = (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError, TypeError,
              ValueError, AssertionError)


def read(path: Path, key: str | None = None) -> Any | None:
    """A value `write` stored, or None when it is missing or unreadable, or was stored under
    another `key` (told from the start of the file, without loading the value)."""
    try:
        with open(path, "rb") as f:
            if key is not None and pickle.load(f) != key:
                return None
            return _Unpickler(f).load()
    except UNREADABLE:
        return None


def write(path: Path, value: Any, key: str | None = None) -> None:
    """Store a value atomically, under `key` when given; a cache that cannot be written only
    costs time."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            if key is not None:
                pickle.dump(key, f, protocol=pickle.HIGHEST_PROTOCOL)
            _Pickler(f, protocol=pickle.HIGHEST_PROTOCOL).dump(value)  # streamed: no copy in memory
        os.replace(tmp, path)
    except OSError:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def dumps(value: Any, *, shared: bool = True) -> bytes:
    """`value` pickled as `write` stores it, for a worker to send back (its strings then shared
    with the ones already loaded here, by `loads`). Without `shared`, its strings are written
    as usual: a value read back on its own (not beside a corpus's entries) gains nothing from
    them, and pickles in two thirds of the time (1,599 real articles' briefing: 1.2 s, not 1.6)."""
    buffer = io.BytesIO()
    (_Pickler if shared else _PlainPickler)(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return buffer.getvalue()


def loads(data: bytes) -> Any:
    return _Unpickler(io.BytesIO(data)).load()


# Frozen dataclasses with slots pickle through a generic __setstate__ that looks up the class's
# fields for every object; an article's entry holds hundreds of them, and loading a large
# corpus's entries spent most of its time there. These pickle as (class, values) instead.
_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _fields(cls: type) -> tuple[str, ...] | None:
    names = _FIELDS.get(cls, ())
    if names == ():
        slotted = dataclasses.is_dataclass(cls) and "__slots__" in cls.__dict__
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls)) if slotted else None
    return names


def _restore(cls: type, values: tuple[Any, ...]) -> Any:
    restore = _RESTORERS.get(cls)
    if restore is None:
        restore = _RESTORERS[cls] = _restorer(cls)
    return restore(values)


_RESTORERS: dict[type, Callable[[tuple[Any, ...]], Any]] = {}


def _restorer(cls: type) -> Callable[[tuple[Any, ...]], Any]:
    """A function that builds a `cls` from its field values, written out for the class (as
    dataclasses writes its __init__): a loop over the fields calling object.__setattr__ for each
    of some 700,000 objects was most of loading a large corpus's entries. Each field is set
    through its slot, which a frozen class's __setattr__ would refuse."""
    names = _fields(cls)
    assert names is not None
    scope: dict[str, Any] = {"new": object.__new__, "cls": cls}
    # an entry written by other code (fields added or removed) is refused, and read() skips it
    lines = ["def restore(values):", f"    if len(values) != {len(names)}:", "        raise ValueError(cls)",
             "    obj = new(cls)"]
    for i, name in enumerate(names):
        scope[f"set{i}"] = getattr(cls, name).__set__
        lines.append(f"    set{i}(obj, values[{i}])")
    lines.append("    return obj")
    exec("\n".join(lines), scope)  # noqa: S102 - code made here from the class's own field names
    return scope["restore"]  # type: ignore[no-any-return]


# Strings up to this long are written as references that `read` interns: a name, a label or a
# kind that a corpus's articles all mention is then one string in memory, not one per mention
# in every entry (the facts of 1,000 synthetic articles held 505,000 strings, 17,000 distinct).
# With 10,000 entries loaded the process went from 1,020 to 710 MB. Longer strings (sentences,
# paragraphs) rarely repeat, and interning them would only fill the table; 100 is a round
# figure above the names and labels, not swept. Re-run bench/run.py (peak MB, add s) to change it.
_SHARED_UP_TO = 100


class _PlainPickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        cls = type(obj)
        values = _VALUES.get(cls, _UNKNOWN)
        if values is _UNKNOWN:
            names = _fields(cls)
            # all fields in one C call (attrgetter), not a generator over getattr per object
            values = _VALUES[cls] = None if names is None else operator.attrgetter(*names) if len(names) > 1 \
                else (lambda o, names=names: tuple(getattr(o, n) for n in names))
        if values is None:
            return NotImplemented
        return _restore, (cls, values(obj))


class _Pickler(_PlainPickler):
    def persistent_id(self, obj: Any) -> Any:
        return obj if type(obj) is str and len(obj) <= _SHARED_UP_TO else None


class _Unpickler(pickle.Unpickler):
    persistent_load = staticmethod(sys.intern)  # the strings _Pickler wrote as references


_UNKNOWN = object()
_VALUES: dict[type, Any] = {}  # class -> its fields' values as a tuple, or None: pickled as usual
