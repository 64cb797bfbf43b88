"""Named people for tests, and a way to sign them in without the login dance.

Every view's tests use these personas, so that "who must be refused" reads the same
everywhere: Anna owns the content; Per and Siri are her providers; Olav is a
provider connected to nobody; Bjørn is another service user; Mona moderates the
forum; Ada runs the community; Rita is a researcher.
"""

from dataclasses import dataclass

from django.conf import settings
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from samspill.accounts import policy
from samspill.accounts.actions import record_session, stamp_login
from samspill.accounts.models import TermsAcceptance, User
from samspill.care.models import CareRelationship
from samspill.communities.models import Community, Service, ServiceMembership

PASSWORD = "correct horse battery staple 42"
TEN_YEARS = 10 * 365 * 24 * 60 * 60


@dataclass
class Personas:
    community: Community
    primary: Service
    specialist: Service
    anna: User
    per: User
    siri: User
    olav: User
    bjorn: User
    mona: User
    ada: User
    rita: User


def make_user(username: str, community: Community, **roles: bool) -> User:
    first, _, last = username.partition(".")
    user = User.objects.create_user(
        username=username,
        password=PASSWORD,
        email=f"{username}@example.org",
        first_name=first.capitalize(),
        last_name=(last or "Testesen").capitalize(),
        community=community,
        **roles,
    )
    return user


def connect(user: User, provider: User, service: Service) -> CareRelationship:
    return CareRelationship.objects.create(
        service_user=user,
        provider=provider,
        service=service,
        status=CareRelationship.Status.ACTIVE,
        started_at=timezone.now(),
    )


def make_personas() -> Personas:
    community = Community.objects.create(name="Testvik", slug="testvik")
    primary = Service.objects.create(
        community=community, name="Testvik psykisk helse", level=Service.Level.PRIMARY
    )
    specialist = Service.objects.create(
        community=community, name="Testvik DPS", level=Service.Level.SPECIALIST
    )

    anna = make_user("anna", community, is_service_user=True)
    bjorn = make_user("bjorn", community, is_service_user=True)
    per = make_user("per", community, is_provider=True)
    siri = make_user("siri", community, is_provider=True)
    olav = make_user("olav", community, is_provider=True)
    for provider, service in ((per, primary), (siri, specialist), (olav, primary)):
        ServiceMembership.objects.create(provider=provider, service=service)
    connect(anna, per, primary)
    connect(anna, siri, specialist)

    return Personas(
        community=community,
        primary=primary,
        specialist=specialist,
        anna=anna,
        per=per,
        siri=siri,
        olav=olav,
        bjorn=bjorn,
        mona=make_user("mona", community, is_service_user=True, is_moderator=True),
        ada=make_user("ada", community, is_community_admin=True),
        rita=make_user("rita", community, is_researcher=True),
    )


def login_as(client: Client, user: User) -> Client:
    """Sign a test client in as someone who has passed both factors and the terms.

    Tests of the login itself must not use this: they walk the real forms. The
    session's clocks are stamped ten years ahead, so a test that moves the clock
    forward (reminders, due check-ins) keeps its client instead of meeting the
    30-minute idle timeout; the session policy's own tests log in for real.
    """
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="test", defaults={"confirmed": True}
    )
    TermsAcceptance.objects.get_or_create(user=user, version=settings.TERMS_VERSION)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")

    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    stamp_login(session, at=policy.now() + TEN_YEARS)
    record_session(session, user, "Test client", "127.0.0.1")
    # Remembered as the terms middleware would, so a test's first request makes
    # the same queries as its later ones.
    session[policy.TERMS_VERSION] = settings.TERMS_VERSION
    session.save()
    return client
