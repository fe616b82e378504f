"""Brief: a story's cited account, and its renderings."""

from ..stage import Stage
from .compose import compose_brief
from .render import brief_to_dict, brief_to_html, brief_to_markdown

__all__ = ["STAGE", "brief_to_dict", "brief_to_html", "brief_to_markdown", "compose_brief"]

STAGE = Stage(
    "brief",
    requires=(
        "title",
        "sentences",
        "entities",
        "quotes",
        "dates",
        "figures",
        "facts",
        "checks",
        "duplicates",
    ),
    assigns=("brief",),
    run=compose_brief,
)
