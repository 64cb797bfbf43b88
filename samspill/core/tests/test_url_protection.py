"""Every URL sends an anonymous visitor to the login page, except a short list.

The list below is the portal's whole public surface. A new URL that is neither
protected nor listed here fails this test, so opening a page to the world is always
a reviewed decision.
"""

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, UUIDConverter

PUBLIC_URL_NAMES = {
    "core:health",
    "core:emergencies",
    "set_language",
    "accounts:login",
}

# Third-party pages that answer anonymous visitors on purpose.
PUBLIC_PREFIXES = ("accounts:login_",)


def _walk(
    patterns: list[Any], namespace: str = "", converters: dict[str, Any] | None = None
) -> Iterator[tuple[str, dict[str, Any], URLPattern]]:
    for entry in patterns:
        found = {**(converters or {}), **entry.pattern.converters}
        if isinstance(entry, URLResolver):
            prefix = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, prefix, found)
        else:
            yield f"{namespace}{entry.name}", found, entry


def _sample_kwargs(converters: dict[str, Any]) -> dict[str, Any]:
    samples: dict[str, Any] = {}
    for name, converter in converters.items():
        if isinstance(converter, IntConverter):
            samples[name] = 1
        elif isinstance(converter, UUIDConverter):
            samples[name] = uuid.uuid4()
        else:
            samples[name] = "x"
    return samples


def all_urls() -> list[tuple[str, str, URLPattern]]:
    found = []
    for name, converters, pattern in _walk(get_resolver().url_patterns):
        url = reverse(name, kwargs=_sample_kwargs(converters))
        found.append((name, url, pattern))
    return found


def is_public(name: str) -> bool:
    return name in PUBLIC_URL_NAMES or name.startswith(PUBLIC_PREFIXES)


def test_every_url_pattern_has_a_name():
    for name, _converters, pattern in _walk(get_resolver().url_patterns):
        assert not name.endswith(":None"), pattern
        assert name != "None", pattern


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "url"), [(n, u) for n, u, _ in all_urls()])
def test_anonymous_visitors_are_sent_to_login(client, name, url):
    if is_public(name):
        pytest.skip("public by design")

    for method in ("get", "post"):
        response = getattr(client, method)(url)
        assert response.status_code == 302, (name, method, response.status_code)
        assert response["Location"].startswith(reverse("accounts:login")), name


@pytest.mark.parametrize(("name", "url", "pattern"), all_urls())
def test_only_listed_views_are_open_to_the_public(name, url, pattern):
    open_to_all = getattr(pattern.callback, "login_required", True) is False
    assert open_to_all == is_public(name), (
        f"{name} is {'open' if open_to_all else 'protected'} but "
        f"{'not ' if not is_public(name) else ''}listed as public"
    )
