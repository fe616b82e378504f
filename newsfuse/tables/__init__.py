"""Table exports of a store, read story by story (keyset pages, never the whole archive at once):

- CSV files (`write_csv`): stories, facts (one row per statement of a figure), checks, quotes, outlets'
  track records and the evidence behind each of their numbers; text cells that would start a formula in
  a spreadsheet are neutralised.
- The evidence bundle (`write_bundle`): one SQLite file with primary and foreign keys that
  `datasette evidence.db` opens as is, and metadata.json beside it for titles and descriptions.

`newsfuse export --format csv|bundle --out DIR [--story ID]` runs them.
"""

from __future__ import annotations

from .bundle import write_bundle
from .csvfiles import FILES, safe_cell, write_csv
from .metadata import DB_NAME

__all__ = ["DB_NAME", "FILES", "safe_cell", "write_bundle", "write_csv"]
