"""django-axes, with a locked account answering as slowly as an open one."""

from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from django.contrib.auth.hashers import make_password
from django.http import HttpRequest


class SteadyAxesBackend(AxesStandaloneBackend):
    """Refuse locked-out logins only after hashing the password anyway.

    Axes refuses before the password hasher runs, so a locked-out attempt would
    answer in a fraction of the time of a wrong password. That difference is not
    a leak about whether the account exists (unknown names are locked out too),
    but an even answer time leaves nothing to compare.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        try:
            super().authenticate(
                request, username=username, password=password, **kwargs
            )
        except AxesBackendPermissionDenied:
            make_password(password)
            raise
