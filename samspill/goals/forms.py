from django import forms
from django.utils.translation import gettext_lazy as _

from samspill.goals.models import Activity, Goal, GoalComment


class DateInput(forms.DateInput):
    input_type = "date"


class GoalForm(forms.ModelForm[Goal]):
    class Meta:
        model = Goal
        fields = ["title", "description", "target_date", "status"]
        widgets = {
            "title": forms.TextInput(),
            "description": forms.Textarea(attrs={"rows": 6}),
            "target_date": DateInput(),
        }
        help_texts = {
            "title": _("In your own words, for example “Get through Christmas”."),
            "description": _("Why it matters, what would be different. Optional."),
        }


class ActivityForm(forms.ModelForm[Activity]):
    class Meta:
        model = Activity
        fields = ["text", "date", "done"]
        widgets = {"text": forms.TextInput(), "date": DateInput()}
        help_texts = {
            "text": _("A small step, for example “Buy the Christmas ribs early”.")
        }


class CommentForm(forms.ModelForm[GoalComment]):
    class Meta:
        model = GoalComment
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}
        labels = {"text": _("Your comment")}
        help_texts = {
            "text": _("Written beside the goal. The service user sees who wrote it.")
        }
