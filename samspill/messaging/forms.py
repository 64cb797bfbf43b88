import uuid
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samspill.accounts.models import User
from samspill.messaging.actions import Writing
from samspill.messaging.models import AwayNotice, Need, NotificationPreference

# Past this many characters the composer suggests, gently, putting the main point
# in the "what I need from you" line. Nothing is ever cut.
LONG_MESSAGE_CHARACTERS = 2000


class MessageForm(forms.Form):
    """A reply in a thread. The body has no maximum: nothing someone writes is cut."""

    need = forms.ChoiceField(
        label=_("What do you need?"),
        choices=Need.choices,
        initial=Need.INFO,
        widget=forms.RadioSelect,
    )
    what_i_need = forms.CharField(
        label=_("What I need from you (optional, one line)"),
        max_length=300,
        required=False,
        help_text=_("The reader sees this line first."),
    )
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 10}),
        strip=False,
    )
    token = forms.UUIDField(widget=forms.HiddenInput)

    # Drawn by hand in the composer template: the form renderer costs more than
    # the rest of the thread page together.
    own_fields = ("need", "what_i_need", "body")

    def writing(self) -> Writing:
        data = self.cleaned_data
        return Writing(
            body=data["body"],
            need=data["need"],
            what_i_need=data["what_i_need"].strip(),
            subject=data.get("subject", ""),
        )

    def loose_writing(self) -> Writing:
        """Return whatever was typed, valid or not, for a draft: drafts lose nothing."""
        data = self.data
        need = data.get("need", Need.INFO)
        return Writing(
            body=str(data.get("body", "")),
            need=need if need in Need.values else Need.INFO,
            what_i_need=str(data.get("what_i_need", "")),
            subject=str(data.get("subject", "")),
        )


def new_token() -> uuid.UUID:
    return uuid.uuid4()


class _PersonChoice(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        if obj.professional_title:
            return f"{obj.display_name}, {obj.professional_title}"
        return str(obj.display_name)


class _OnePersonChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class NewThreadForm(MessageForm):
    """Start a thread. Whom one may write to comes from ACTIVE relationships only."""

    subject = forms.CharField(label=_("Subject"), max_length=200)
    field_order = ["subject", "providers", "service_user", "need", "what_i_need"]

    def __init__(self, *args: Any, author: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from samspill.messaging.access import (
            connected_providers,
            connected_service_users,
        )

        if author.is_service_user:
            providers = connected_providers(author).values("provider_id")
            self.fields["providers"] = _PersonChoice(
                label=_("To"),
                queryset=User.objects.filter(pk__in=providers).order_by("first_name"),
                widget=forms.CheckboxSelectMultiple,
            )
        else:
            ids = connected_service_users(author).values("service_user_id")
            self.fields["service_user"] = _OnePersonChoice(
                label=_("To"),
                queryset=User.objects.filter(pk__in=ids).order_by("first_name"),
            )
        self.order_fields(self.field_order)

    def has_recipients(self) -> bool:
        field = self.fields.get("providers") or self.fields["service_user"]
        queryset = field.queryset  # type: ignore[attr-defined]
        return bool(queryset.exists())


class AwayNoticeForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = AwayNotice
        fields = ["until", "contact_instead"]
        widgets = {"until": forms.DateInput(attrs={"type": "date"})}

    def clean_until(self) -> Any:
        until = self.cleaned_data["until"]
        if until < timezone.localdate():
            raise forms.ValidationError(_("Choose today or a later date."))
        return until


class PreferenceForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = NotificationPreference
        fields = ["channel", "quiet_from", "quiet_until"]
        widgets = {
            "channel": forms.RadioSelect,
            "quiet_from": forms.TimeInput(attrs={"type": "time"}),
            "quiet_until": forms.TimeInput(attrs={"type": "time"}),
        }
        help_texts = {
            "quiet_from": _(
                "Nothing is sent in your quiet hours; it waits until they end."
            ),
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("quiet_from")) != bool(data.get("quiet_until")):
            raise forms.ValidationError(
                _("Give both the start and the end of your quiet hours, or neither.")
            )
        if data.get("channel") == "sms" and not self.user.phone:
            self.add_error(
                "channel",
                _("Add a mobile number under Account and security to get texts."),
            )
        return data
