from typing import Any

from django import template

from samspill.care.models import AccessLog, CareRelationship, Invitation

register = template.Library()


@register.inclusion_tag("care/_home_card.html", takes_context=True)
def care_home_card(context: Any) -> dict[str, Any]:
    """The front page's card on connections, open invitations and the latest look.

    A fixed three queries at the most, whatever the size of the log.
    """
    user = context["request"].user
    if not (user.is_service_user or user.is_provider):
        return {"show": False}

    as_provider = user.is_provider and not user.is_service_user
    if as_provider:
        mine: dict[str, Any] = {"provider": user}
        sent_to_me = Invitation.Direction.FROM_SERVICE_USER
    else:
        mine = {"service_user": user}
        sent_to_me = Invitation.Direction.FROM_PROVIDER

    connected = CareRelationship.objects.filter(
        status=CareRelationship.Status.ACTIVE, **mine
    ).count()
    waiting = Invitation.objects.open().filter(direction=sent_to_me, **mine).count()
    latest_look = None
    if not as_provider:
        latest_look = (
            AccessLog.objects.filter(subject=user, kind=AccessLog.Kind.VIEW)
            .select_related("actor")
            .order_by("-position")
            .first()
        )
    return {
        "show": True,
        "as_provider": as_provider,
        "connected": connected,
        "waiting": waiting,
        "latest_look": latest_look,
    }
