"""Pages of relationships, sharing, invitations and the access log.

Every page asks samspill.care.access before it reads anything that is not the
viewer's own; every change goes through samspill.care.actions.
"""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samspill.accounts.models import User
from samspill.care import actions
from samspill.care.access import (
    access_invitation,
    access_relationship,
    require_provider,
    require_service_user,
    require_service_user_or_provider,
    viewer_of,
)
from samspill.care.forms import (
    DirectoryFilterForm,
    InviteServiceUserForm,
    SharingForm,
    level_explanations,
)
from samspill.care.models import (
    AccessLog,
    CareRelationship,
    Invitation,
    SharingChange,
    SharingGrant,
)
from samspill.care.modules import Level, is_logged_area, logged_areas
from samspill.care.paging import PARAMETER, keyset_page
from samspill.communities.models import ServiceMembership

PAGE_SIZE = 25
# The sharing page lists the most recently ended connections, so that a person
# notices when a provider has ended one; older ones are in the access log chain.
ENDED_SHOWN = 5
# LIMITATION: only the ten newest changes others made are listed on the access log
# page; older ones stay in the chain but are not shown.
CHANGES_SHOWN = 10


def _page(request: HttpRequest, rows: QuerySet[Any]) -> Page[Any]:
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("side"))


def _shared_grants() -> Prefetch[str, QuerySet[SharingGrant]]:
    return Prefetch(
        "grants",
        queryset=SharingGrant.objects.filter(level__gt=Level.NONE).order_by("module"),
        to_attr="shared",
    )


def _open_invitations(**filters: object) -> QuerySet[Invitation]:
    return (
        Invitation.objects.open()
        .filter(**filters)
        .select_related("service_user", "provider", "service")
        .order_by("-created_at")
    )


@require_http_methods(["GET"])
def show_sharing(request: HttpRequest) -> HttpResponse:
    """The service user's own overview: providers, what each sees, invitations."""
    user = require_service_user(request)

    # LIMITATION: every active relationship is listed without paging, since a
    # person works with a few providers; a page of many hundreds would be slow.
    relationships = (
        CareRelationship.objects.filter(
            service_user=user, status=CareRelationship.Status.ACTIVE
        )
        .select_related("provider", "service")
        .prefetch_related(_shared_grants())
        .order_by("started_at")
    )
    ended = (
        CareRelationship.objects.filter(
            service_user=user, status=CareRelationship.Status.ENDED
        )
        .select_related("provider", "service")
        .order_by("-ended_at")
    )
    return render(
        request,
        "care/sharing.html",
        {
            "relationships": relationships,
            "ended": ended[:ENDED_SHOWN],
            "received": _open_invitations(
                service_user=user, direction=Invitation.Direction.FROM_PROVIDER
            )[:PAGE_SIZE],
            "sent": _open_invitations(
                service_user=user, direction=Invitation.Direction.FROM_SERVICE_USER
            )[:PAGE_SIZE],
        },
    )


@require_http_methods(["GET", "POST"])
def edit_sharing(request: HttpRequest, relationship_id: int) -> HttpResponse:
    relationship = access_relationship(request, relationship_id, change=True)
    if not relationship.is_active:
        raise Http404

    levels = actions.current_levels(relationship)
    form = SharingForm(request.POST or None, levels=levels)
    if request.method == "POST" and form.is_valid():
        changes = actions.set_sharing(
            relationship, relationship.service_user, form.levels()
        )
        if changes:
            messages.success(request, _("Your choices are saved and apply at once."))
        else:
            messages.info(request, _("Nothing was changed."))
        return redirect("care:sharing")

    return render(
        request,
        "care/edit_sharing.html",
        {
            "relationship": relationship,
            "form": form,
            "explanations": level_explanations(),
        },
    )


@require_http_methods(["GET"])
def show_sharing_history(request: HttpRequest) -> HttpResponse:
    user = require_service_user(request)

    changes = SharingChange.objects.filter(service_user=user).select_related(
        "relationship__provider", "relationship__service", "changed_by"
    )
    page = keyset_page(changes, "pk", request.GET.get(PARAMETER), PAGE_SIZE)
    return render(request, "care/sharing_history.html", {"page": page})


@require_http_methods(["GET", "POST"])
def end_relationship(request: HttpRequest, relationship_id: int) -> HttpResponse:
    relationship = access_relationship(request, relationship_id, change=False)
    if not relationship.is_active:
        raise Http404

    if request.method == "POST":
        actions.end_relationship(relationship, viewer_of(request))
        messages.success(request, _("The connection is ended. Access stopped at once."))
        if relationship.provider_id == request.user.pk:
            return redirect("care:caseload")
        return redirect("care:sharing")
    return render(request, "care/end_relationship.html", {"relationship": relationship})


@require_http_methods(["GET"])
def show_access_log(request: HttpRequest) -> HttpResponse:
    """'Who has looked at my information': the owner's view of the access log."""
    user = require_service_user(request)

    providers = list(
        CareRelationship.objects.filter(service_user=user)
        .select_related("provider")
        .order_by("provider_id")
        .distinct()
        .values_list("provider_id", "provider__first_name", "provider__last_name")
    )
    entries = AccessLog.objects.filter(subject=user, kind=AccessLog.Kind.VIEW)
    chosen_provider = _int_or_none(request.GET.get("behandler"))
    if chosen_provider is not None:
        entries = entries.filter(actor_id=chosen_provider)
    chosen_module = request.GET.get("modul", "")
    if is_logged_area(chosen_module):
        entries = entries.filter(module=chosen_module)
    else:
        chosen_module = ""

    page = keyset_page(
        entries.select_related("actor", "service"),
        "position",
        request.GET.get(PARAMETER),
        PAGE_SIZE,
    )
    return render(
        request,
        "care/access_log.html",
        {
            "page": page,
            "providers": [
                (pk, f"{first} {last}".strip()) for pk, first, last in providers
            ],
            "modules": logged_areas(),
            "changes": _changes_by_others(user),
            "chosen_provider": chosen_provider,
            "chosen_module": chosen_module,
            "query": urlencode(
                {
                    key: value
                    for key, value in (
                        ("behandler", chosen_provider or ""),
                        ("modul", chosen_module),
                    )
                    if value
                }
            ),
        },
    )


def _changes_by_others(user: User) -> list[AccessLog]:
    """The latest actions others took that touched this person: one query."""
    return list(
        AccessLog.objects.filter(subject=user, kind=AccessLog.Kind.ACTION)
        .exclude(actor=user)
        .select_related("actor")
        .order_by("-position")[:CHANGES_SHOWN]
    )


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@require_http_methods(["GET"])
def show_caseload(request: HttpRequest) -> HttpResponse:
    """The provider's service users and what each shares with them."""
    provider = require_provider(request)

    relationships = (
        CareRelationship.objects.filter(
            provider=provider, status=CareRelationship.Status.ACTIVE
        )
        .select_related("service_user", "service")
        .prefetch_related(_shared_grants())
        .order_by("service_user__first_name", "service_user__last_name", "pk")
    )
    return render(
        request, "care/caseload.html", {"page": _page(request, relationships)}
    )


@require_http_methods(["GET"])
def list_invitations(request: HttpRequest) -> HttpResponse:
    """Open invitations the viewer has received and sent, whichever side they are."""
    user = require_service_user_or_provider(request)
    if user.is_provider:
        received = _open_invitations(
            provider=user, direction=Invitation.Direction.FROM_SERVICE_USER
        )
        sent = _open_invitations(
            provider=user, direction=Invitation.Direction.FROM_PROVIDER
        )
    else:
        received = _open_invitations(
            service_user=user, direction=Invitation.Direction.FROM_PROVIDER
        )
        sent = _open_invitations(
            service_user=user, direction=Invitation.Direction.FROM_SERVICE_USER
        )
    return render(
        request,
        "care/invitations.html",
        {"received": received[:PAGE_SIZE], "sent": sent[:PAGE_SIZE]},
    )


@require_http_methods(["GET", "POST"])
def invite_service_user(request: HttpRequest) -> HttpResponse:
    """A provider invites a service user of their community by username or e-mail."""
    provider = require_provider(request)

    form = InviteServiceUserForm(request.POST or None, provider=provider)
    if request.method == "POST" and form.is_valid():
        service = form.cleaned_data["service"]
        service_user = actions.find_service_user(
            form.cleaned_data["identifier"], service.community_id
        )
        if service_user is None:
            form.add_error(
                "identifier",
                _("No service user in your community has that username or e-mail."),
            )
        else:
            invitation = actions.invite(
                sender=provider,
                service_user=service_user,
                provider=provider,
                service=service,
            )
            if invitation is None:
                messages.info(
                    request, _("You are already connected or already invited.")
                )
            else:
                messages.success(
                    request,
                    _("The invitation is sent. Nothing is shared until they accept."),
                )
            return redirect("care:invitations")
    return render(request, "care/invite_service_user.html", {"form": form})


@require_http_methods(["GET", "POST"])
def answer_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Show one invitation; its recipient accepts or declines, its sender withdraws."""
    invitation = access_invitation(request, token)
    is_recipient = viewer_of(request).pk == invitation.recipient_id

    if request.method == "POST":
        answer = request.POST.get("svar", "")
        allowed = {"accept", "decline"} if is_recipient else {"withdraw"}
        if not invitation.is_open:
            messages.error(request, _("This invitation can no longer be answered."))
        elif answer in allowed:
            return _apply_answer(request, invitation, answer)
        else:
            messages.error(request, _("Please choose one of the buttons below."))

    return render(
        request,
        "care/invitation.html",
        {"invitation": invitation, "is_recipient": is_recipient},
    )


def _apply_answer(
    request: HttpRequest, invitation: Invitation, answer: str
) -> HttpResponse:
    user = viewer_of(request)
    try:
        if answer == "accept":
            actions.accept_invitation(invitation, user)
            messages.success(
                request, _("You are now connected. Nothing is shared yet.")
            )
        elif answer == "decline":
            actions.decline_invitation(invitation, user)
            messages.success(request, _("The invitation is declined."))
        else:
            actions.withdraw_invitation(invitation, user)
            messages.success(request, _("The invitation is withdrawn."))
    except actions.InvitationError:
        messages.error(request, _("This invitation can no longer be answered."))
        return redirect("care:invitations")

    if user.pk == invitation.service_user_id:
        return redirect("care:sharing")
    return redirect("care:invitations")


@require_http_methods(["GET"])
def show_directory(request: HttpRequest) -> HttpResponse:
    """Providers of the services in the service user's own community."""
    user = require_service_user(request)

    form = DirectoryFilterForm(request.GET or None, community_id=user.community_id)
    memberships = _directory(user)
    query = ""
    if form.is_valid() and form.cleaned_data["service"] is not None:
        memberships = memberships.filter(service=form.cleaned_data["service"])
        query = urlencode({"service": form.cleaned_data["service"].pk})
    memberships = memberships.select_related("provider", "service").order_by(
        "service__name", "provider__last_name", "provider__first_name", "pk"
    )
    return render(
        request,
        "care/directory.html",
        {"form": form, "page": _page(request, memberships), "query": query},
    )


def _directory(user: User) -> QuerySet[ServiceMembership]:
    """Memberships of active providers in the services of the user's community."""
    if user.community_id is None:
        return ServiceMembership.objects.none()
    return ServiceMembership.objects.filter(
        service__community_id=user.community_id,
        provider__is_provider=True,
        provider__is_active=True,
    )


@require_http_methods(["GET", "POST"])
def invite_provider(request: HttpRequest, membership_id: int) -> HttpResponse:
    """A service user asks a provider from the directory to connect."""
    user = require_service_user(request)
    membership = (
        _directory(user)
        .select_related("provider", "service")
        .filter(pk=membership_id)
        .first()
    )
    if membership is None:
        raise Http404

    if request.method == "POST":
        invitation = actions.invite(
            sender=user,
            service_user=user,
            provider=membership.provider,
            service=membership.service,
        )
        if invitation is None:
            messages.info(request, _("You are already connected or already invited."))
        else:
            messages.success(
                request,
                _("Your request is sent. Nothing is shared until you choose to."),
            )
        return redirect("care:sharing")
    return render(request, "care/invite_provider.html", {"membership": membership})
