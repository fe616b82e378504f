"""Brief: a story's cited account, and its renderings."""

from .compose import compose_brief
from .render import brief_to_dict, brief_to_html, brief_to_markdown

__all__ = ["brief_to_dict", "brief_to_html", "brief_to_markdown", "compose_brief"]
