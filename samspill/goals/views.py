"""Goals and activities: the owner writes them, shared providers read and comment.

Every view reaches a goal through samspill.care.access, which decides, answers 404
or 403, and writes the access log when a provider is let in.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samspill.accounts.models import User
from samspill.care.access import Access, Want, access_module, require_service_user
from samspill.care.modules import GOALS
from samspill.goals import actions
from samspill.goals.forms import ActivityForm, CommentForm, GoalForm
from samspill.goals.models import Activity, Goal, GoalComment

PAGE_SIZE = 20
# LIMITATION: a goal's page shows at most this many activities and comments, newest
# comments first, because a goal is expected to hold a handful; there is no paging
# inside one goal yet.
DETAIL_LIMIT = 200


def _goal(request: HttpRequest, goal_id: int, want: Want) -> tuple[Goal, Access]:
    goal = Goal.objects.select_related("owner").filter(pk=goal_id).first()
    if goal is None:
        raise Http404
    access = access_module(
        request,
        goal.owner,
        GOALS.key,
        want,
        object_type="goals.goal",
        object_id=goal.pk,
    )
    return goal, access


def _activity(request: HttpRequest, activity_id: int) -> Activity:
    activity = (
        Activity.objects.select_related("goal__owner").filter(pk=activity_id).first()
    )
    if activity is None:
        raise Http404
    access_module(
        request,
        activity.goal.owner,
        GOALS.key,
        Want.CHANGE,
        object_type="goals.activity",
        object_id=activity.pk,
    )
    return activity


def _goals_page(request: HttpRequest, owner: User) -> object:
    goals = (
        Goal.objects.filter(owner=owner)
        .annotate(
            activity_count=Count("activities"),
            done_count=Count("activities", filter=Q(activities__done=True)),
        )
        .order_by("-created_at", "-pk")
    )
    return Paginator(goals, PAGE_SIZE).get_page(request.GET.get("side"))


@require_http_methods(["GET"])
def list_goals(request: HttpRequest) -> HttpResponse:
    """The owner's own goals."""
    user = require_service_user(request)
    return render(
        request, "goals/list.html", {"page": _goals_page(request, user), "owner": user}
    )


@require_http_methods(["GET"])
def list_user_goals(request: HttpRequest, owner_id: int) -> HttpResponse:
    """A provider reads the goals a service user shares with them."""
    owner = User.objects.filter(pk=owner_id).first()
    if owner is None:
        raise Http404
    if owner.pk == request.user.pk:
        return redirect("goals:list")

    access = access_module(
        request, owner, GOALS.key, Want.VIEW, object_type="goals.list"
    )
    return render(
        request,
        "goals/list.html",
        {"page": _goals_page(request, owner), "owner": owner, "access": access},
    )


@require_http_methods(["GET", "POST"])
def add_goal(request: HttpRequest) -> HttpResponse:
    user = require_service_user(request)

    form = GoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        goal = form.save(commit=False)
        goal.owner = user
        actions.save_goal(goal)
        messages.success(request, _("Your goal is saved."))
        return redirect("goals:detail", goal.pk)
    return render(request, "goals/goal_form.html", {"form": form})


@require_http_methods(["GET"])
def show_goal(request: HttpRequest, goal_id: int) -> HttpResponse:
    goal, access = _goal(request, goal_id, Want.VIEW)
    return _render_goal(request, goal, access, CommentForm())


def _render_goal(
    request: HttpRequest,
    goal: Goal,
    access: Access,
    comment_form: CommentForm,
) -> HttpResponse:
    activities = goal.activities.order_by("date", "created_at")[:DETAIL_LIMIT]
    comments = GoalComment.objects.filter(goal=goal).select_related("author")
    return render(
        request,
        "goals/detail.html",
        {
            "goal": goal,
            "access": access,
            "activities": activities,
            "comments": comments.order_by("-created_at")[:DETAIL_LIMIT],
            "comment_form": comment_form,
            "activity_form": ActivityForm() if access.can_change else None,
        },
    )


@require_http_methods(["GET", "POST"])
def edit_goal(request: HttpRequest, goal_id: int) -> HttpResponse:
    goal, _access = _goal(request, goal_id, Want.CHANGE)

    form = GoalForm(request.POST or None, instance=goal)
    if request.method == "POST" and form.is_valid():
        actions.save_goal(form.save(commit=False))
        messages.success(request, _("Your goal is saved."))
        return redirect("goals:detail", goal.pk)
    return render(request, "goals/goal_form.html", {"form": form, "goal": goal})


@require_http_methods(["GET", "POST"])
def delete_goal(request: HttpRequest, goal_id: int) -> HttpResponse:
    goal, _access = _goal(request, goal_id, Want.CHANGE)

    if request.method == "POST":
        actions.delete_goal(goal)
        messages.success(request, _("The goal is deleted."))
        return redirect("goals:list")
    return render(request, "goals/confirm_delete.html", {"goal": goal})


@require_http_methods(["GET", "POST"])
def add_activity(request: HttpRequest, goal_id: int) -> HttpResponse:
    goal, _access = _goal(request, goal_id, Want.CHANGE)

    form = ActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        activity = form.save(commit=False)
        activity.goal = goal
        actions.save_activity(activity)
        messages.success(request, _("The activity is saved."))
        return redirect("goals:detail", goal.pk)
    return render(request, "goals/activity_form.html", {"form": form, "goal": goal})


@require_http_methods(["GET", "POST"])
def edit_activity(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = _activity(request, activity_id)

    form = ActivityForm(request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        actions.save_activity(form.save(commit=False))
        messages.success(request, _("The activity is saved."))
        return redirect("goals:detail", activity.goal_id)
    return render(
        request,
        "goals/activity_form.html",
        {"form": form, "goal": activity.goal, "activity": activity},
    )


@require_http_methods(["GET", "POST"])
def delete_activity(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = _activity(request, activity_id)

    if request.method == "POST":
        actions.delete_activity(activity)
        messages.success(request, _("The activity is deleted."))
        return redirect("goals:detail", activity.goal_id)
    return render(request, "goals/confirm_delete.html", {"activity": activity})


@require_POST
def add_comment(request: HttpRequest, goal_id: int) -> HttpResponse:
    """A provider with comment access writes beside the goal, never in it."""
    goal, access = _goal(request, goal_id, Want.COMMENT)
    if not access.can_comment:
        raise PermissionDenied

    form = CommentForm(request.POST)
    if not form.is_valid():
        return _render_goal(request, goal, access, form)
    actions.add_comment(goal, access.viewer, form.cleaned_data["text"])
    messages.success(request, _("Your comment is saved."))
    return redirect("goals:detail", goal.pk)


@require_POST
def toggle_activity(request: HttpRequest, activity_id: int) -> HttpResponse:
    """The owner ticks an activity done or not done; htmx swaps just its line."""
    activity = _activity(request, activity_id)

    activity.done = not activity.done
    actions.save_activity(activity)
    if getattr(request, "htmx", False):
        return render(
            request, "goals/_activity.html", {"activity": activity, "can_change": True}
        )
    return redirect("goals:detail", activity.goal_id)
