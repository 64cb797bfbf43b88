"""Set-up through the real actions, so tests see data the way the app makes it."""

import uuid

from samspill.accounts.models import User
from samspill.messaging import actions
from samspill.messaging.actions import Writing
from samspill.messaging.models import Message, Need, Participant


def thread_from(
    author: User,
    service_user: User,
    providers: list[User],
    body: str = "Jeg sov dårlig i natt.",
    need: str = Need.INFO,
    subject: str = "Natten",
) -> Message:
    return actions.start_thread(
        author,
        service_user,
        providers,
        Writing(body=body, need=need, subject=subject),
        uuid.uuid4(),
    )


def reply(author: User, message: Message, body: str, need: str = Need.INFO) -> Message:
    participation = Participant.objects.select_related("thread").get(
        thread_id=message.thread_id, user=author
    )
    return actions.send_message(
        author, participation, Writing(body=body, need=need), uuid.uuid4()
    )
