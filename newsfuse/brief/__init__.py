"""Brief: a story's cited account, and its renderings."""

from .compose import compose_brief
from .outlets_page import outlets_to_dict, outlets_to_html, outlets_to_markdown
from .render import brief_to_dict, brief_to_html, brief_to_markdown

__all__ = [
    "brief_to_dict",
    "brief_to_html",
    "brief_to_markdown",
    "compose_brief",
    "outlets_to_dict",
    "outlets_to_html",
    "outlets_to_markdown",
]
