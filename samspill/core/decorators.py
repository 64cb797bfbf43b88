from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_not_required


def public(view: Callable[..., Any]) -> Callable[..., Any]:
    """Mark a view as open to anonymous visitors.

    Each use must also be listed in the public allow-list of the URL protection
    test, so that opening a page to the world is always a deliberate, reviewed act.
    """
    return login_not_required(view)
