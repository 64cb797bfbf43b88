from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from samspill.accounts.models import User
from samspill.care.modules import LEVEL_EXPLANATIONS, Level, all_modules
from samspill.communities.models import Service


class SharingForm(forms.Form):
    """One radio group per registered module, starting at the current levels."""

    def __init__(self, *args: Any, levels: dict[str, Level], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for module in all_modules():
            self.fields[module.key] = forms.TypedChoiceField(
                label=str(module.label),
                help_text=str(module.description),
                choices=Level.choices,
                coerce=lambda value: Level(int(value)),
                widget=forms.RadioSelect,
                initial=levels[module.key],
            )

    def levels(self) -> dict[str, Level]:
        return {key: Level(value) for key, value in self.cleaned_data.items()}


def level_explanations() -> list[tuple[str, str]]:
    return [
        (str(Level(level).label), str(text))
        for level, text in LEVEL_EXPLANATIONS.items()
    ]


class InviteServiceUserForm(forms.Form):
    identifier = forms.CharField(
        label=_("Username or e-mail address"),
        max_length=254,
        help_text=_("Ask the service user which one they use in Samspill."),
    )
    service = forms.ModelChoiceField(
        label=_("Your service"), queryset=Service.objects.none(), empty_label=None
    )

    def __init__(self, *args: Any, provider: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField[Service], self.fields["service"])
        field.queryset = Service.objects.filter(
            servicemembership__provider=provider
        ).order_by("name")


class DirectoryFilterForm(forms.Form):
    service = forms.ModelChoiceField(
        label=_("Service"),
        queryset=Service.objects.none(),
        required=False,
        empty_label=_("All services"),
    )

    def __init__(self, *args: Any, community_id: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField[Service], self.fields["service"])
        services = Service.objects.order_by("name")
        field.queryset = (
            services.none()
            if community_id is None
            else services.filter(community_id=community_id)
        )
