"""Reconcile: a story's articles checked against each other (facts) and against themselves (checks)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..model import Analysis, Article, Check, Fact
from ..stage import Stage
from .checks import run_checks
from .evidence import Evidence
from .facts import agree, find_facts
from .modality import FORWARD, HEDGED, REPORTED, modality_at
from .outlets import OutletRecord, track_records

__all__ = [
    "STAGE",
    "FORWARD",
    "HEDGED",
    "REPORTED",
    "Evidence",
    "OutletRecord",
    "Reconciliation",
    "agree",
    "modality_at",
    "reconcile",
    "track_records",
]


@dataclass(frozen=True)
class Reconciliation:
    facts: tuple[Fact, ...]
    checks: tuple[Check, ...]

    @property
    def conflicts(self) -> tuple[Fact, ...]:
        return tuple(f for f in self.facts if f.status == "conflict")


def reconcile(articles: Sequence[Article], analyses: Mapping[str, Analysis]) -> Reconciliation:
    evidence = [Evidence(a, analyses[a.id]) for a in articles]
    return Reconciliation(tuple(find_facts(evidence)), tuple(run_checks(evidence)))


STAGE = Stage(
    "reconcile",
    requires=("figures", "sentences", "entities", "source", "stories"),
    assigns=("facts", "checks"),
    run=reconcile,
)
