from typing import Any

from django import template
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone

from samspill.messaging.access import may_use_messaging, visible_participations

register = template.Library()


def unread_total(request: HttpRequest) -> int:
    """Count the signed-in person's unread messages, once per request.

    The navigation and the front page both show it; the answer is kept on the
    request so the second asks no query.
    """
    cached: int | None = getattr(request, "_samspill_unread", None)
    if cached is not None:
        return cached

    total = (
        (
            visible_participations(request.user)  # type: ignore[arg-type]
            .filter(unread_count__gt=0)
            .aggregate(total=Sum("unread_count"))["total"]
        )
        or 0
    )
    request._samspill_unread = total  # type: ignore[attr-defined]
    return total


@register.inclusion_tag("messaging/_nav_item.html", takes_context=True)
def messaging_nav_item(context: Any) -> dict[str, Any]:
    """Render the Messages link with the unread count, in one query."""
    request = context["request"]
    user = request.user
    if not user.is_authenticated or not may_use_messaging(user):
        return {"show": False}

    current = request.resolver_match and request.resolver_match.app_name == "messaging"
    return {"show": True, "unread": unread_total(request), "current": current}


@register.inclusion_tag("messaging/_home_card.html", takes_context=True)
def messaging_home_card(context: Any) -> dict[str, Any]:
    """The front page's messages card: unread, and for providers, overdue replies."""
    request = context["request"]
    user = request.user
    if not may_use_messaging(user):
        return {"show": False}

    overdue = 0
    if user.is_provider:
        overdue = (
            visible_participations(user).filter(reply_due_at__lt=timezone.now()).count()
        )
    return {"show": True, "unread": unread_total(request), "overdue": overdue}


@register.filter
def message_text(text: str) -> Any:
    from samspill.messaging.text import render_message_text

    return render_message_text(text)
