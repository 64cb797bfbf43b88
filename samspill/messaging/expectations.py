"""When a reply can be expected: working days in Norway.

Reply times are counted in working days; weekends and Norwegian public holidays do
not count. The number of days comes from the service's default until the pair has
an agreement of its own.
"""

import datetime
from functools import cache

import holidays
from django.utils import timezone

from samspill.care.models import CareRelationship


@cache
def _norwegian_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("NO", years=year).keys())


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _norwegian_holidays(day.year)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """Return the working day `days` working days after `start`.

    A message sent on a Saturday counts from Monday: the first working day after
    the start is day one.
    """
    day = start
    remaining = max(days, 0)
    while remaining > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def reply_working_days(relationship: CareRelationship) -> int:
    """Return how many working days this pair has to reply.

    This is the hook for the working agreement (a later issue): when the pair has
    agreed on a reply time, return that here instead of the service's default.
    """
    return relationship.service.response_working_days


def reply_due(sent_at: datetime.datetime, working_days: int) -> datetime.datetime:
    """Return the moment a reply becomes overdue: the end of the due day, local time."""
    local_day = timezone.localtime(sent_at).date()
    return overdue_after(add_working_days(local_day, working_days))


def overdue_after(last_day: datetime.date) -> datetime.datetime:
    """Return the first moment after last_day (local midnight): then it is overdue."""
    next_midnight = datetime.datetime.combine(
        last_day + datetime.timedelta(days=1), datetime.time.min
    )
    return timezone.make_aware(next_midnight)


def due_day(due_at: datetime.datetime) -> datetime.date:
    """Return the last calendar day on which a reply is still on time."""
    return timezone.localtime(due_at).date() - datetime.timedelta(days=1)
