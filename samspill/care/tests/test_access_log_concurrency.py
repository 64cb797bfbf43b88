"""Appends from parallel requests still form one unbroken chain."""

import threading

import pytest
from django.db import connection, connections

from samspill.care.accesslog import record_view, verify_chain
from samspill.care.models import AccessLog
from samspill.care.modules import GOALS
from samspill.core.testing import make_personas

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises every write transaction by itself",
)
def test_parallel_appends_never_fork_the_chain():
    personas = make_personas()
    errors: list[BaseException] = []

    def look() -> None:
        try:
            for _ in range(15):
                record_view(
                    actor=personas.per,
                    subject=personas.anna,
                    service=personas.primary,
                    module=GOALS.key,
                    object_type="goals.list",
                )
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=look) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert verify_chain() == (60, None)
    assert AccessLog.objects.count() == 60
