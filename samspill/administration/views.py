"""The community admin's page of people: accounts and roles, never content."""

from django.contrib import messages
from django.core.exceptions import BadRequest
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from samspill.accounts.models import User
from samspill.administration import actions
from samspill.administration.forms import AccountForm

PAGE_SIZE = 25


def _community_admin(request: HttpRequest) -> tuple[User, int]:
    """Return request.user and the community they run; 404 for everyone else."""
    user = request.user
    if not isinstance(user, User) or not user.is_community_admin:
        raise Http404
    if user.community_id is None:
        raise Http404
    return user, user.community_id


def _person(community_id: int, user_id: int) -> User:
    # People of other communities answer 404, as if they did not exist.
    in_my_community = User.objects.filter(community_id=community_id)
    return get_object_or_404(in_my_community, pk=user_id)


@require_GET
def list_people(request: HttpRequest) -> HttpResponse:
    _admin, community_id = _community_admin(request)

    people = User.objects.filter(community_id=community_id).order_by(
        "last_name", "first_name", "pk"
    )
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("side"))
    return render(request, "administration/people.html", {"page": page})


@require_POST
def change_account(request: HttpRequest, user_id: int) -> HttpResponse:
    admin, community_id = _community_admin(request)
    person = _person(community_id, user_id)

    # Checkboxes left unticked are simply absent, so this form always validates;
    # the check is what turns the posted text into booleans.
    form = AccountForm(request.POST)
    if not form.is_valid():
        raise BadRequest
    try:
        changes = actions.update_account(admin, person, form.choice())
    except actions.CannotDeactivateSelf:
        messages.error(request, _("You cannot deactivate your own account here."))
        return redirect("administration:list_people")

    if changes:
        messages.success(
            request, _("Saved for %(name)s.") % {"name": person.display_name}
        )
    return redirect("administration:list_people")
