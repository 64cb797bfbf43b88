from typing import Any

from django import template
from django.db.models import Sum

from samspill.messaging.access import may_use_messaging, visible_participations

register = template.Library()


@register.inclusion_tag("messaging/_nav_item.html", takes_context=True)
def messaging_nav_item(context: Any) -> dict[str, Any]:
    """Render the Messages link with the unread count, in one query."""
    request = context["request"]
    user = request.user
    if not user.is_authenticated or not may_use_messaging(user):
        return {"show": False}

    unread = (
        visible_participations(user)
        .filter(unread_count__gt=0)
        .aggregate(total=Sum("unread_count"))["total"]
    )
    current = request.resolver_match and request.resolver_match.app_name == "messaging"
    return {"show": True, "unread": unread or 0, "current": current}


@register.filter
def message_text(text: str) -> Any:
    from samspill.messaging.text import render_message_text

    return render_message_text(text)
