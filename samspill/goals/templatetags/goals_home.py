from typing import Any

from django import template

from samspill.goals.models import Goal

register = template.Library()


@register.inclusion_tag("goals/_home_card.html", takes_context=True)
def goals_home_card(context: Any) -> dict[str, Any]:
    """The front page's goals card for a service user: how many are under way."""
    user = context["request"].user
    if not user.is_service_user:
        return {"show": False}

    under_way = Goal.objects.filter(owner=user, status=Goal.Status.ACTIVE).count()
    return {"show": True, "under_way": under_way}
