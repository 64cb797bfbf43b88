from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from samspill.core.decorators import public

login = public(auth_views.LoginView.as_view(template_name="accounts/login.html"))


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    auth_logout(request)
    return redirect("accounts:login")


@require_POST
def keepalive(request: HttpRequest) -> HttpResponse:
    return HttpResponse(status=204)


def security(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/security.html")


def locked_out(
    request: HttpRequest, credentials: dict[str, str], *args: object
) -> HttpResponse:
    return render(request, "accounts/login.html", status=429)
