"""Turn a message's plain text into safe HTML: escaped, links clickable, lines kept."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Matched on already-escaped text: a link ends at whitespace or at an escaped quote
# or angle bracket, so it can never leave its attribute; "&amp;" stays inside the
# link because it is how an escaped & looks.
_URL = re.compile(r"\bhttps?://(?:(?!&quot;|&#x27;|&lt;|&gt;)\S)+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}"


def _link(match: re.Match[str]) -> str:
    url = match.group(0)
    tail = ""
    while url and url[-1] in _TRAILING:
        tail = url[-1] + tail
        url = url[:-1]
    return f'<a href="{url}" rel="noopener noreferrer">{url}</a>{tail}'


def render_message_text(text: str) -> SafeString:
    """Return HTML for text someone typed: no HTML of theirs survives."""
    escaped = escape(text)
    linked = _URL.sub(_link, escaped)
    lines = linked.replace("\r\n", "\n").replace("\r", "\n")
    return mark_safe(lines.replace("\n", "<br>\n"))  # noqa: S308 (escaped above)
