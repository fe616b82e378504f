from __future__ import annotations

from newsfuse.cluster import StoryClusterer
from newsfuse.ingest import make_article

PORT = [
    "Dock workers at the port of Harbourside walked out on Monday, leaving 1,200 containers stranded at the terminal "
    "as the union demanded higher pay for night shifts.",
    "The strike at Harbourside port entered its second day as containers piled up and the dock workers union "
    "refused the port authority's pay offer.",
    "Shipping lines diverted vessels away from Harbourside after the dock workers strike left containers stuck at "
    "the port terminal.",
]
FIRE = [
    "A wildfire in the Redwood valley forced 3,000 residents to evacuate on Tuesday as strong winds pushed the "
    "flames toward the town.",
    "Firefighters battled the Redwood valley wildfire through the night; evacuation orders for residents remained "
    "in place as winds eased.",
]


def _arts():
    arts = [make_article(t, id=f"p{i}", published=f"2025-03-0{i + 1}") for i, t in enumerate(PORT)]
    arts += [make_article(t, id=f"f{i}", published=f"2025-03-0{i + 2}") for i, t in enumerate(FIRE)]
    return arts


def test_groups_by_story_and_explains() -> None:
    stories = StoryClusterer(threshold=0.15).cluster(_arts())
    groups = sorted(sorted(s.article_ids) for s in stories)
    assert groups == [["f0", "f1"], ["p0", "p1", "p2"]]
    port = next(s for s in stories if "p0" in s.article_ids)
    joined = [a for a in port.assignments if not a.new_story]
    assert joined and all(a.score >= 0.15 for a in joined)
    assert any("harbourside" in a.shared_terms or "port" in a.shared_terms for a in joined)
    assert port.first_seen == "2025-03-01" and port.last_seen == "2025-03-03"


def test_time_window_splits_far_apart_articles() -> None:
    a = make_article(PORT[0], id="a", published="2025-01-01")
    b = make_article(PORT[1], id="b", published="2025-06-01")
    assert len(StoryClusterer(threshold=0.1, window_days=7).cluster([a, b])) == 2


def test_existing_assignments_are_kept() -> None:
    arts = _arts()
    stories = StoryClusterer(threshold=0.15).cluster(arts, existing={"p0": "sOLD", "f0": "sOLD"})
    old = next(s for s in stories if s.id == "sOLD")
    assert {"p0", "f0"} <= set(old.article_ids)
