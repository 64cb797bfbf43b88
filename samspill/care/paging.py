"""Keyset paging for lists that grow without bound (the access log, histories).

A page is "the next N rows older than this key", found on an index without
counting or skipping rows, so the hundredth page costs what the first does.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet

PARAMETER = "eldre_enn"


@dataclass(frozen=True)
class KeysetPage:
    object_list: list[Any]
    next_key: int | None
    is_first: bool

    def __iter__(self) -> Iterator[Any]:
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)


def keyset_page(
    rows: QuerySet[Any], key: str, before: str | None, size: int
) -> KeysetPage:
    """Return up to `size` rows with `key` below `before`, highest key first.

    Precondition: `key` is a unique integer column, and an index leads with the
    same filters and ends with it. A nonsense `before` gives the first page.
    """
    cursor = _positive_int(before)
    if cursor is not None:
        rows = rows.filter(**{f"{key}__lt": cursor})

    found: list[Model] = list(rows.order_by(f"-{key}")[: size + 1])
    next_key = getattr(found[size - 1], key) if len(found) > size else None
    return KeysetPage(found[:size], next_key, cursor is None)


def _positive_int(value: str | None) -> int | None:
    if not value or not value.isdigit():
        return None
    return int(value)
