from samspill.accounts.models import User


def load_demo(people: dict[str, User]) -> None:
    """Add this app's demo content; nothing yet."""
