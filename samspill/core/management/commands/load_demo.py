from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from samspill.core.demo import load_demo


class Command(BaseCommand):
    help = "Load the demo community (idempotent). Refuses to run in production."

    def handle(self, *args: Any, **options: Any) -> None:
        # The demo logins and their second-factor secrets are published in the
        # README: they must never exist in a real deployment.
        if settings.PRODUCTION:
            raise CommandError("The demo community is never loaded in production.")

        people = load_demo()
        self.stdout.write(f"Demo community ready: {len(people)} people.")
