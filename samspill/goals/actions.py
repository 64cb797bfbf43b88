"""Changes to goals. Callers have already asked samspill.care.access."""

import logging

from samspill.accounts.models import User
from samspill.goals.models import Activity, Goal, GoalComment

logger = logging.getLogger(__name__)


def save_goal(goal: Goal) -> Goal:
    """Precondition: goal.owner is the person saving it."""
    goal.save()
    logger.info("goal %s saved by user %s", goal.pk, goal.owner_id)
    return goal


def delete_goal(goal: Goal) -> None:
    """Precondition: request.user owns the goal. Its activities and comments go too."""
    goal_id = goal.pk
    goal.delete()
    logger.info("goal %s deleted", goal_id)


def save_activity(activity: Activity) -> Activity:
    """Precondition: request.user owns activity.goal."""
    activity.save()
    logger.info("activity %s saved on goal %s", activity.pk, activity.goal_id)
    return activity


def delete_activity(activity: Activity) -> None:
    """Precondition: request.user owns activity.goal."""
    activity_id = activity.pk
    activity.delete()
    logger.info("activity %s deleted", activity_id)


def add_comment(goal: Goal, author: User, text: str) -> GoalComment:
    """Precondition: the access policy granted `author` comment access to the goal."""
    comment = GoalComment.objects.create(goal=goal, author=author, text=text)
    logger.info("comment %s on goal %s by user %s", comment.pk, goal.pk, author.pk)
    return comment
