"""Messaging views: thin; access through access.py, writes through actions.py."""

import logging
import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import BadRequest
from django.core.paginator import Paginator
from django.db.models import F
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    QueryDict,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samspill.accounts.models import User
from samspill.messaging import actions
from samspill.messaging.access import (
    access_thread,
    connected_providers,
    may_use_messaging,
    visible_participations,
)
from samspill.messaging.forms import (
    LONG_MESSAGE_CHARACTERS,
    AwayNoticeForm,
    MessageForm,
    NewThreadForm,
    PreferenceForm,
    new_token,
)
from samspill.messaging.models import AwayNotice, Draft, NotificationPreference
from samspill.messaging.pages import (
    THREADS_PER_PAGE,
    active_away_notices,
    inbox_rows,
    message_page,
    message_rows,
    participants_of,
)

logger = logging.getLogger(__name__)


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 (LoginRequiredMiddleware ensures it)
    return user


def _posted(request: HttpRequest) -> QueryDict | None:
    # Bind the form on every POST, even an empty one, so that it is validated and
    # answered with its errors rather than shown again as if nothing was sent.
    return request.POST if request.method == "POST" else None


def _messaging_user(request: HttpRequest) -> User:
    user = _user(request)
    if not may_use_messaging(user):
        raise Http404
    return user


@require_http_methods(["GET"])
def list_threads(request: HttpRequest) -> HttpResponse:
    user = _messaging_user(request)
    participations = (
        visible_participations(user)
        .select_related("thread", "thread__service_user")
        .order_by(F("reply_due_at").asc(nulls_last=True), "-last_activity_at", "-id")
    )
    # LIMITATION: The database sorts all of one person's visible threads to cut a
    # page, so the inbox grows with one caseload (not with the whole table).
    page = Paginator(participations, THREADS_PER_PAGE).get_page(request.GET.get("side"))
    rows = inbox_rows(list(page.object_list), user, timezone.now())
    return render(
        request,
        "messaging/list_threads.html",
        {"page": page, "rows": rows},
    )


@require_http_methods(["GET"])
def show_thread(request: HttpRequest, thread_id: int) -> HttpResponse:
    user = _user(request)
    participation = access_thread(user, thread_id, reading=True)
    draft = Draft.objects.filter(user=user, thread_id=thread_id).first()
    form = MessageForm(initial=_initial_from(draft))
    return _render_thread(request, participation, form, draft)


def _initial_from(draft: Draft | None) -> dict[str, Any]:
    initial: dict[str, Any] = {"token": new_token()}
    if draft is not None:
        initial.update(
            body=draft.body,
            need=draft.need,
            what_i_need=draft.what_i_need,
            subject=draft.subject,
        )
    return initial


def _render_thread(
    request: HttpRequest,
    participation: Any,
    form: MessageForm,
    draft: Draft | None,
    status: int = 200,
) -> HttpResponse:
    thread = participation.thread
    page = message_page(thread, request.GET)
    actions.mark_read(participation)
    participants = participants_of(thread)
    others = [p for p in participants if p.user_id != participation.user_id]
    # Read status is kept per person, not per message: it is shown for the newest
    # message only, where "read at" is exact (see actions.mark_read).
    if page.messages and not page.has_newer:
        writer = page.messages[-1].author_id
        page.read_by = [
            p
            for p in others
            if p.user_id != writer and p.last_read_message_id >= thread.last_message_id
        ]
    context = {
        "thread": thread,
        "page": page,
        "rows": message_rows(page.messages, participation.user),
        "participants": participants,
        "away_notices": active_away_notices([p.user for p in others]),
        "form": form,
        "draft": draft,
        "long_message": LONG_MESSAGE_CHARACTERS,
        "today": timezone.localdate(),
    }
    return render(request, "messaging/show_thread.html", context, status=status)


def _with_token(data: QueryDict) -> QueryDict:
    """Return the posted data, with a fresh send token when it carried none.

    A form shown again after an error must still be sendable exactly once.
    """
    try:
        uuid.UUID(str(data.get("token", "")))
    except ValueError:
        data = data.copy()
        data["token"] = str(new_token())
    return data


@require_POST
def send_reply(request: HttpRequest, thread_id: int) -> HttpResponse:
    user = _user(request)
    participation = access_thread(user, thread_id)
    form = MessageForm(_with_token(request.POST))
    if "save_draft" in request.POST:
        actions.save_draft(user, participation.thread, form.loose_writing())
        messages.success(request, _("Your draft is saved. You can come back to it."))
        return redirect(reverse("messaging:show_thread", args=[thread_id]) + "#svar")

    if not form.is_valid():
        draft = Draft.objects.filter(user=user, thread_id=thread_id).first()
        return _render_thread(request, participation, form, draft, status=400)
    try:
        message = actions.send_message(
            user, participation, form.writing(), form.cleaned_data["token"]
        )
    except actions.TokenReused:
        # Only a forged form carries another writer's token; answer with the
        # portal's own 400 page rather than an empty one.
        raise BadRequest from None
    messages.success(request, _("Your message is sent."))
    url = reverse("messaging:show_thread", args=[thread_id])
    return redirect(f"{url}#melding-{message.pk}")


@require_POST
def save_reply_draft(request: HttpRequest, thread_id: int) -> HttpResponse:
    """Keep the reply being written; htmx calls this as the person types."""
    user = _user(request)
    participation = access_thread(user, thread_id)
    writing = MessageForm(request.POST).loose_writing()
    draft = actions.save_draft(user, participation.thread, writing)
    if not request.htmx:  # type: ignore[attr-defined]
        return redirect(reverse("messaging:show_thread", args=[thread_id]) + "#svar")
    return _draft_status(request, draft, writing.body)


def _draft_status(request: HttpRequest, draft: Draft | None, body: str) -> HttpResponse:
    return render(
        request,
        "messaging/_draft_status.html",
        {
            "draft": draft,
            "is_long": len(body) > LONG_MESSAGE_CHARACTERS,
        },
    )


@require_http_methods(["GET", "POST"])
def start_thread(request: HttpRequest) -> HttpResponse:
    user = _messaging_user(request)
    draft = Draft.objects.filter(user=user, thread=None).first()
    if request.method == "POST":
        form = NewThreadForm(_with_token(request.POST), author=user)
        if "save_draft" in request.POST:
            actions.save_draft(user, None, form.loose_writing())
            messages.success(
                request, _("Your draft is saved. You can come back to it.")
            )
            return redirect("messaging:start_thread")
        if form.is_valid():
            return _start(request, user, form)
        status = 400
    else:
        form = NewThreadForm(initial=_initial_from(draft), author=user)
        status = 200

    return render(
        request,
        "messaging/start_thread.html",
        {
            "form": form,
            "draft": draft,
            "away_notices": _away_notices_for_composer(user),
            "long_message": LONG_MESSAGE_CHARACTERS,
            "has_recipients": form.has_recipients(),
        },
        status=status,
    )


def _start(request: HttpRequest, user: User, form: NewThreadForm) -> HttpResponse:
    data = form.cleaned_data
    if user.is_service_user:
        service_user, providers = user, list(data["providers"])
    else:
        service_user, providers = data["service_user"], [user]
    try:
        message = actions.start_thread(
            user, service_user, providers, form.writing(), data["token"]
        )
    except actions.TokenReused:
        raise BadRequest from None
    messages.success(request, _("Your message is sent."))
    return redirect("messaging:show_thread", thread_id=message.thread_id)


def _away_notices_for_composer(user: User) -> list[AwayNotice]:
    if not user.is_service_user:
        return []
    providers = [r.provider for r in connected_providers(user)]
    return active_away_notices(providers)


@require_POST
def save_new_thread_draft(request: HttpRequest) -> HttpResponse:
    user = _messaging_user(request)
    writing = NewThreadForm(request.POST, author=user).loose_writing()
    draft = actions.save_draft(user, None, writing)
    if not request.htmx:  # type: ignore[attr-defined]
        return redirect("messaging:start_thread")
    return _draft_status(request, draft, writing.body)


@require_http_methods(["GET", "POST"])
def edit_away_notice(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not user.is_provider:
        raise Http404
    notice = AwayNotice.objects.filter(provider=user).first()
    if request.method == "POST" and "remove" in request.POST:
        actions.clear_away_notice(user)
        messages.success(request, _("Your away notice is removed."))
        return redirect("messaging:edit_away_notice")

    form = AwayNoticeForm(_posted(request), instance=notice)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actions.set_away_notice(user, data["until"], data["contact_instead"])
        messages.success(request, _("Your away notice is saved."))
        return redirect("messaging:edit_away_notice")
    status = 400 if form.errors else 200
    return render(
        request,
        "messaging/edit_away_notice.html",
        {"form": form, "notice": notice},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def edit_notification_preferences(request: HttpRequest) -> HttpResponse:
    user = _messaging_user(request)
    preference = NotificationPreference.objects.filter(user=user).first()
    form = PreferenceForm(_posted(request), instance=preference, user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actions.set_notification_preference(
            user, data["channel"], data["quiet_from"], data["quiet_until"]
        )
        messages.success(request, _("Your notification choices are saved."))
        return redirect("messaging:edit_notification_preferences")
    status = 400 if form.errors else 200
    return render(
        request, "messaging/edit_preferences.html", {"form": form}, status=status
    )
