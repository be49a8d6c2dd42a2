"""A cache of per-article extraction results, keyed on content, pipeline and generator version.

Adding one article to a large corpus then parses and extracts only that article. The cache is
local, disposable and never committed; an unreadable entry is ignored and recomputed.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from . import __version__

# Bump when a change to extraction changes what is stored, to drop every old entry.
SCHEMA = 1


def code_fingerprint() -> str:
    """A hash of the code and data that shape per-article results, so that editing an extractor
    (without bumping the version) cannot serve results computed by the old code."""
    package = Path(__file__).resolve().parent
    files = sorted([*package.glob("extract/*.py"), *package.glob("data/*.yml"),
                    package / "nlp.py", package / "model.py", package / "corpus.py"])
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


class FactsCache:
    def __init__(self, folder: Path | None, pipeline: str) -> None:
        self.folder = folder
        self.salt = f"{SCHEMA}|{__version__}|{code_fingerprint()}|{pipeline}|"

    def key(self, article_id: str, path: str, sha256: str) -> str:
        return hashlib.sha256(f"{self.salt}{article_id}|{path}|{sha256}".encode()).hexdigest()

    def get(self, key: str) -> Any | None:
        if self.folder is None:
            return None
        try:
            with open(self.folder / key[:2] / f"{key}.pickle", "rb") as f:
                return pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
                IndexError, TypeError, ValueError):
            return None

    def put(self, key: str, value: Any) -> None:
        if self.folder is None:
            return
        folder = self.folder / key[:2]
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, folder / f"{key}.pickle")
        except OSError:
            pass  # a cache that cannot be written only costs time
