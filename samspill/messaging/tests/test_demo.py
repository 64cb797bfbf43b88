import pytest
from django.utils import timezone

from samspill.core.demo import load_demo
from samspill.messaging.models import AwayNotice, Draft, Message, Participant, Thread


@pytest.mark.django_db
def test_the_demo_loads_twice_without_duplicates_and_shows_every_situation():
    load_demo()
    counts = (Thread.objects.count(), Message.objects.count())

    load_demo()

    assert (Thread.objects.count(), Message.objects.count()) == counts
    assert AwayNotice.objects.filter(provider__username="eirik").exists()
    assert Draft.objects.filter(user__username="ingrid", thread=None).exists()
    assert Participant.objects.filter(
        user__username="per", reply_due_at__lt=timezone.now()
    ).exists()
    assert Participant.objects.filter(user__username="ingrid", unread_count=0).exists()
