from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "samspill.accounts"
    label = "accounts"

    def ready(self) -> None:
        from samspill.accounts import signals  # noqa: F401 (connects receivers)
