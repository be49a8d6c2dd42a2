"""A MkDocs hook script for `briefing serve` (site.serve): puts the front-end files, which
docs/ does not hold, into the site being served. Loaded by MkDocs from its path, so it imports
the package absolutely."""
from __future__ import annotations

from typing import Any

from generator.frontend import site_files
from generator.site import add_assets


def on_files(files: Any, *, config: Any) -> Any:
    return add_assets(files, config, site_files())
