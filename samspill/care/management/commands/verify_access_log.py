"""Check the access log's hash chain from the first entry to the last."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from samspill.care.accesslog import verify_chain


class Command(BaseCommand):
    help = (
        "Verify the access log's HMAC chain; name the first broken entry and exit "
        "with an error if there is one."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count, broken = verify_chain()
        if broken is not None:
            raise CommandError(
                f"The access log is broken at entry {broken.position}: "
                f"{broken.reason}. {count} entries before it are intact."
            )
        self.stdout.write(f"The access log is intact: {count} entries verified.")
