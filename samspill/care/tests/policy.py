"""Who may do what on care's URLs; read by test_authorization_matrix."""

from samspill.care.tests.matrix import (
    PROVIDERS,
    SERVICE_USERS,
    Rule,
    for_group,
    table,
)

OWN_PAGE = Rule(get=for_group(SERVICE_USERS, 200, 403), post=table(405))

POLICY = {
    "care:sharing": OWN_PAGE,
    "care:sharing_history": OWN_PAGE,
    "care:access_log": OWN_PAGE,
    "care:directory": OWN_PAGE,
    "care:edit_sharing": Rule(
        get=table(404, owner=200, viewer=403),
        post=table(404, owner=200, viewer=403),
        kwargs=lambda w: {"relationship_id": w.relationship.pk},
    ),
    "care:end_relationship": Rule(
        get=table(404, owner=200, viewer=200),
        post=table(404, owner=302, viewer=302),
        kwargs=lambda w: {"relationship_id": w.relationship.pk},
    ),
    "care:caseload": Rule(get=for_group(PROVIDERS, 200, 403), post=table(405)),
    "care:invitations": Rule(
        get=for_group(SERVICE_USERS | PROVIDERS, 200, 403), post=table(405)
    ),
    "care:invite_service_user": Rule(
        get=for_group(PROVIDERS, 200, 403), post=for_group(PROVIDERS, 200, 403)
    ),
    "care:invitation": Rule(
        get=table(404, owner=200),
        post=table(404, owner=200),
        kwargs=lambda w: {"token": w.invitation.token},
    ),
    "care:invite_provider": Rule(
        get=for_group(SERVICE_USERS, 200, 403),
        post=for_group(SERVICE_USERS, 302, 403),
        kwargs=lambda w: {"membership_id": w.membership.pk},
    ),
}
