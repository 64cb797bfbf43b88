from django import forms
from django.utils.translation import gettext_lazy as _

from samspill.administration.actions import AccountChoice


class AccountForm(forms.Form):
    """One person's account switches, as the admin's page sends them."""

    active = forms.BooleanField(label=_("Account is active"), required=False)
    is_service_user = forms.BooleanField(label=_("Service user"), required=False)
    is_provider = forms.BooleanField(label=_("Health provider"), required=False)
    is_moderator = forms.BooleanField(label=_("Peer moderator"), required=False)

    def choice(self) -> AccountChoice:
        return AccountChoice(**self.cleaned_data)
