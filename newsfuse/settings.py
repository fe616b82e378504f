"""One typed settings object: flags > environment (NEWSFUSE_*) > defaults."""

from __future__ import annotations

from pydantic_settings import BaseSettings, SettingsConfigDict

# chosen on benchmarks/cluster.py: best B-cubed F1 on Multi-News (event-level stories, 0.862),
# 0.840 on WikiRef220 (broad topics); precision 0.89-0.93 on both
DEFAULT_THRESHOLD = 0.15


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NEWSFUSE_", extra="forbid")

    db: str = "sqlite:///newsfuse.db"
    out: str = "newsfuse-out"
    engine: str = "local"  # local | dask
    scheduler: str | None = None
    max_words: int = 200
    cluster_threshold: float = DEFAULT_THRESHOLD
    cluster_window_days: float = 7.0
    near_duplicate_threshold: float = 0.7
    batch_size: int = 32
