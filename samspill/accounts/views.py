"""Login in two steps, first-time authenticator set-up, terms, and own sessions.

Nobody is signed in until both steps are done: between them the session only holds
who passed the password step and when (see policy.py).
"""

import logging
from base64 import b32encode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, update_session_auth_hash
from django.contrib.auth import logout as auth_logout
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from samspill.accounts import actions, policy
from samspill.accounts.forms import (
    ChangePasswordForm,
    CodeForm,
    EnrolmentForm,
    PasswordForm,
    TermsForm,
)
from samspill.accounts.models import TermsAcceptance, User, UserSession
from samspill.core.decorators import public

logger = logging.getLogger(__name__)

SESSIONS_PER_PAGE = 20


@public
@never_cache
@sensitive_post_parameters("password")
def enter_password(request: HttpRequest) -> HttpResponse:
    """Step one, open to anyone: check the password without signing in.

    django-axes counts each refusal per username and per address through
    authenticate(); once either is over the limit, locked_out() answers.
    """
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    _show_notice(request)

    if request.method != "POST":
        return _password_page(request, PasswordForm())

    form = PasswordForm(request.POST)
    if form.is_valid():
        user = authenticate(
            request,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password"],
        )
        if isinstance(user, User):
            actions.start_pending_login(request, user, _safe_next(request))
            return redirect("accounts:login_code")
        form.refuse()
    return _password_page(request, form)


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: object = None,
) -> HttpResponse:
    """Answer a locked-out login exactly like a wrong password (axes calls this).

    The password view has already rendered the neutral refusal, because axes made
    authenticate() return None; keeping that page keeps the status and the body
    the same, so a lockout does not reveal that the username is in use.
    """
    if original_response is not None:
        return original_response

    form = PasswordForm(request.POST)
    form.is_valid()
    form.refuse()
    return _password_page(request, form)


@public
@never_cache
def enter_code(request: HttpRequest) -> HttpResponse:
    """Step two, for whoever passed step one in this session in the last minutes."""
    user = _pending_user(request)
    if user is None:
        return _back_to_password(request)
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return redirect("accounts:login_enrol")

    form = CodeForm(request.POST) if request.method == "POST" else CodeForm()
    if request.method == "POST" and form.is_valid():
        result = actions.check_code(user, form.cleaned_data["code"])
        if result.device is not None:
            next_url = actions.complete_login(request, user, result.device)
            return redirect(next_url or settings.LOGIN_REDIRECT_URL)

        logger.info("login code refused user=%s", user.pk)
        form.add_error("code", _code_refusal(result.wait_seconds))
    return render(request, "accounts/login_code.html", {"form": form})


@public
@never_cache
def enrol_authenticator(request: HttpRequest) -> HttpResponse:
    """First login: set up an authenticator app, for a pending person without one."""
    # LIMITATION: On first login the password alone decides who may set up the
    # authenticator, so someone who learns a new user's password before that user
    # logs in for the first time can enrol an app of their own.
    user = _pending_user(request)
    if user is None:
        return _back_to_password(request)
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return redirect("accounts:login_code")

    device = actions.start_enrolment(user)
    form = EnrolmentForm(request.POST) if request.method == "POST" else EnrolmentForm()
    if request.method == "POST" and form.is_valid():
        result = actions.confirm_enrolment(device, form.cleaned_data["code"])
        if result.device is not None:
            codes = actions.make_recovery_codes(user)
            next_url = actions.complete_login(request, user, result.device)
            _stash_recovery_codes(request, codes, next_url)
            return redirect("accounts:recovery_codes")
        form.add_error("code", _code_refusal(result.wait_seconds))

    context = {"form": form, "qr_code": _qr_code(device), "secret": _secret(device)}
    return render(request, "accounts/login_enrol.html", context)


@never_cache
def show_recovery_codes(request: HttpRequest) -> HttpResponse:
    """Show newly made recovery codes once; a reload shows them no more."""
    fresh = request.session.pop(policy.NEW_RECOVERY_CODES, None)
    if not isinstance(fresh, dict):
        return redirect("accounts:security")

    context = {"codes": fresh["codes"], "next": fresh["next"]}
    return render(request, "accounts/recovery_codes.html", context)


@require_POST
def renew_recovery_codes(request: HttpRequest) -> HttpResponse:
    codes = actions.make_recovery_codes(_me(request))
    _stash_recovery_codes(request, codes, "")
    return redirect("accounts:recovery_codes")


@never_cache
def accept_terms(request: HttpRequest) -> HttpResponse:
    """Show the terms; accepting them lets the person into the portal."""
    accepted = TermsAcceptance.objects.filter(
        user=_me(request), version=settings.TERMS_VERSION
    ).first()
    form = TermsForm(request.POST) if request.method == "POST" else TermsForm()
    if request.method == "POST" and form.is_valid():
        actions.accept_terms(request.session, _me(request), settings.TERMS_VERSION)
        return redirect(_safe_next(request) or settings.LOGIN_REDIRECT_URL)

    context = {"form": form, "accepted": accepted, "next": _safe_next(request)}
    return render(request, "accounts/terms.html", context)


@require_POST
def log_out(request: HttpRequest) -> HttpResponse:
    """End this session for real: its stored data and its row are deleted."""
    actions.end_current_session(request)
    auth_logout(request)
    request.session[policy.NOTICE] = "logged_out"
    return redirect("accounts:login")


@require_POST
def keep_alive(request: HttpRequest) -> HttpResponse:
    """Answer the idle warning's "stay logged in"; the middleware did the work."""
    return HttpResponse(status=204)


@never_cache
def show_security(request: HttpRequest) -> HttpResponse:
    return _security_page(request, ChangePasswordForm(request, _me(request)))


@require_POST
def end_session(request: HttpRequest, pk: int) -> HttpResponse:
    """End one of my other sessions; someone else's, or this one, is a 404."""
    row = get_object_or_404(
        UserSession.objects.exclude(pk=policy.session_row(request.session)),
        pk=pk,
        user=_me(request),
    )
    actions.end_session(row)
    messages.success(request, _("The session has been ended."))
    return redirect("accounts:security")


@require_POST
@sensitive_post_parameters()
def change_password(request: HttpRequest) -> HttpResponse:
    """Change my password; every other session of mine ends with it."""
    form = ChangePasswordForm(request, _me(request), request.POST)
    if not form.is_valid():
        return _security_page(request, form)

    user = form.save()
    update_session_auth_hash(request, user)
    actions.follow_new_key(request.session, user)
    actions.end_all_sessions(user, keep=policy.session_row(request.session))
    messages.success(
        request, _("Your password has been changed. Your other sessions have ended.")
    )
    return redirect("accounts:security")


def _password_page(request: HttpRequest, form: PasswordForm) -> HttpResponse:
    return render(request, "accounts/login.html", {"form": form})


def _security_page(request: HttpRequest, form: ChangePasswordForm) -> HttpResponse:
    rows = (
        UserSession.objects.live()
        .filter(user=_me(request))
        .order_by("-last_seen_at", "-pk")
    )
    page = Paginator(rows, SESSIONS_PER_PAGE).get_page(request.GET.get("side"))
    context = {
        "sessions": page,
        "current_row": policy.session_row(request.session),
        "password_form": form,
    }
    return render(request, "accounts/security.html", context)


def _pending_user(request: HttpRequest) -> User | None:
    user_id = policy.pending_user_id(request.session)
    if user_id is None:
        return None
    return User.objects.filter(pk=user_id, is_active=True).first()


def _back_to_password(request: HttpRequest) -> HttpResponse:
    if policy.PENDING_USER in request.session:
        policy.forget_pending(request.session)
        request.session[policy.NOTICE] = "pending_expired"
    return redirect("accounts:login")


def _safe_next(request: HttpRequest) -> str:
    next_url = request.POST.get("next") or request.GET.get("next", "")
    allowed = url_has_allowed_host_and_scheme(
        next_url,
        allowed_hosts={request.get_host()},
        require_https=request.is_secure(),
    )
    return next_url if allowed else ""


def _show_notice(request: HttpRequest) -> None:
    notices = {
        "idle": _(
            "You were logged out after %(minutes)s minutes without activity, to "
            "keep your information safe. Log in again to go on."
        )
        % {"minutes": settings.SESSION_IDLE_SECONDS // 60},
        "absolute": _(
            "You had been logged in for a long time, so we logged you out to keep "
            "your information safe. Log in again to go on."
        ),
        "pending_expired": _(
            "Logging in took longer than five minutes, so please start again."
        ),
        "logged_out": _("You are logged out. Thank you for today."),
        "ended": _("Your session has ended. Log in again to go on."),
        "unverified": _("Your session has ended. Log in again to go on."),
    }
    notice = notices.get(str(request.session.pop(policy.NOTICE, "")))
    if notice:
        messages.info(request, notice)


def _code_refusal(wait_seconds: int) -> str:
    if wait_seconds:
        return ngettext(
            "Too many wrong codes in a row. Wait %(seconds)d second and try again.",
            "Too many wrong codes in a row. Wait %(seconds)d seconds and try again.",
            wait_seconds,
        ) % {"seconds": wait_seconds}
    return _(
        "That code did not work. Codes change every 30 seconds and each one works "
        "only once: wait for a new one and try again."
    )


def _stash_recovery_codes(
    request: HttpRequest, codes: list[str], next_url: str
) -> None:
    request.session[policy.NEW_RECOVERY_CODES] = {"codes": codes, "next": next_url}


def _qr_code(device: TOTPDevice) -> SafeString:
    """Return the set-up link as inline SVG: no style attributes, so CSP allows it."""
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=4,
        omitsize=True,
        light="#fff",
        dark="#000",
        title=_("QR code for your authenticator app"),
    )
    # segno builds the markup from our own link and title, escaping both.
    return mark_safe(svg)  # noqa: S308


def _secret(device: TOTPDevice) -> str:
    """Return the key in base32, in groups of four to make typing it easier."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _me(request: HttpRequest) -> User:
    """Return the signed-in person; for views behind the login only."""
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user
