"""Notifications say only that something is new: never content, never the sender."""

import datetime
import socket
import time

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.core import mail
from django.test import override_settings

from samspill.messaging import actions, tasks
from samspill.messaging.models import Delivery
from samspill.messaging.sms import OutboxSmsBackend
from samspill.messaging.tests.helpers import thread_from

SECRET_WORRY = "Jeg er redd for at Ole skal flytte ut"
IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
DUMMY = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


class _Collector:
    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append((envelope.rcpt_tos, envelope.content.decode()))
        return "250 OK"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server():
    collector = _Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller, collector
    controller.stop()


def _send_worry(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return thread_from(
            personas.anna,
            personas.anna,
            [personas.per, personas.siri],
            body=SECRET_WORRY,
            subject="Ole",
        )


@pytest.mark.django_db(transaction=True)
def test_an_email_through_real_smtp_carries_no_content_or_sender(
    personas, smtp_server, django_capture_on_commit_callbacks
):
    controller, collector = smtp_server
    mailers = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": controller.port, "timeout": 5},
        }
    }
    with override_settings(TASKS=IMMEDIATE, MAILERS=mailers):
        _send_worry(personas, django_capture_on_commit_callbacks)
    for _ in range(50):
        if len(collector.received) == 2:
            break
        time.sleep(0.05)

    assert sorted(to[0] for to, _ in collector.received) == [
        personas.per.email,
        personas.siri.email,
    ]
    for _, content in collector.received:
        assert "Samspill" in content
        assert "Ole" not in content
        assert SECRET_WORRY not in content
        assert personas.anna.first_name not in content
        assert personas.anna.email not in content


def test_a_text_message_carries_no_content(
    personas, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE
    settings.SMS_BACKEND = "samspill.messaging.sms.OutboxSmsBackend"
    OutboxSmsBackend.outbox.clear()
    personas.per.phone = "+4799999999"
    personas.per.save()
    actions.set_notification_preference(personas.per, "sms", None, None)
    actions.set_notification_preference(personas.siri, "none", None, None)

    _send_worry(personas, django_capture_on_commit_callbacks)

    assert [to for to, _ in OutboxSmsBackend.outbox] == ["+4799999999"]
    assert SECRET_WORRY not in OutboxSmsBackend.outbox[0][1]
    assert "Anna" not in OutboxSmsBackend.outbox[0][1]
    assert len(mail.outbox) == 0


def test_a_retried_task_never_sends_twice(
    personas, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE
    message = _send_worry(personas, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get(message=message, recipient=personas.per)

    tasks.deliver_notification.call(delivery.pk)
    tasks.notify_new_message.call(message.pk)

    assert len(mail.outbox) == 2
    assert Delivery.objects.filter(message=message).count() == 2


def test_a_failed_send_is_retried_later(
    personas, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.TASKS = DUMMY
    message = _send_worry(personas, django_capture_on_commit_callbacks)
    tasks.notify_new_message.call(message.pk)
    delivery = Delivery.objects.get(message=message, recipient=personas.per)

    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr(tasks, "send_mail", broken)
    tasks.deliver_notification.call(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.PENDING
    assert delivery.attempts == 1

    monkeypatch.undo()
    tasks.deliver_notification.call(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT
    assert len(mail.outbox) == 1


def test_nothing_is_sent_during_quiet_hours_until_they_end(
    personas, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DUMMY
    actions.set_notification_preference(
        personas.per, "email", datetime.time(22, 0), datetime.time(7, 0)
    )
    message = _send_worry(personas, django_capture_on_commit_callbacks)
    tasks.notify_new_message.call(message.pk)
    delivery = Delivery.objects.get(message=message, recipient=personas.per)

    night = datetime.datetime(2026, 12, 3, 2, 30, tzinfo=datetime.UTC)  # 03:30 Oslo
    with time_machine.travel(night, tick=False):
        tasks.deliver_notification.call(delivery.pk)
        end = tasks.quiet_hours_end(personas.per.pk, night)
    delivery.refresh_from_db()

    assert delivery.status == Delivery.Status.PENDING
    assert len(mail.outbox) == 0
    assert end == datetime.datetime(2026, 12, 3, 6, 0, tzinfo=datetime.UTC)


def test_a_provider_whose_relationship_ended_is_not_notified(
    personas, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE
    message = thread_from(personas.anna, personas.anna, [personas.per])
    personas.per.care_as_provider.update(status="ended")

    tasks.notify_new_message.call(message.pk)

    assert not Delivery.objects.filter(recipient=personas.per).exists()
