"""Brief: a story's cited account, and its renderings."""

from ..stage import Stage
from .compose import compose_brief
from .outlets_page import outlets_to_dict, outlets_to_html, outlets_to_markdown
from .render import brief_to_dict, brief_to_html, brief_to_markdown

__all__ = [
    "STAGE",
    "brief_to_dict",
    "brief_to_html",
    "brief_to_markdown",
    "compose_brief",
    "outlets_to_dict",
    "outlets_to_html",
    "outlets_to_markdown",
]

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
