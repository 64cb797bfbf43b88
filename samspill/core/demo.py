"""The demo community: the people and places someone trying Samspill meets first.

Everything here is invented. Loading is idempotent: each object is looked up by a
stable key and created only when missing, so `make run` can be repeated. Feature apps
add their own demo content with a `load_demo(people)` function in `<app>/demo.py`,
called in DEMO_APPS order after the people exist.
"""

import base64
import binascii
from dataclasses import dataclass, field
from importlib import import_module

from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from samspill.accounts.models import User
from samspill.care.models import CareRelationship
from samspill.communities.models import Community, Service, ServiceMembership

DEMO_PASSWORD = "samspill-demo-2026"  # noqa: S105 (published in the README)

# Apps whose demo.py adds content, in the order they must run.
DEMO_APPS = ["care", "goals", "messaging"]


@dataclass(frozen=True)
class DemoPerson:
    username: str
    first_name: str
    last_name: str
    community: str
    totp_secret: str
    roles: tuple[str, ...]
    title: str = ""
    services: tuple[str, ...] = field(default=())


COMMUNITIES = {
    "bergen": ("Bergen", 291_000),
    "tynset": ("Tynset", 5_600),
}

SERVICES = {
    "arstad": ("bergen", "Årstad psykisk helse- og rustjeneste", "primary", 2),
    "bjorgvin": ("bergen", "Bjørgvin DPS, poliklinikk", "specialist", 3),
    "tynset-kommune": ("tynset", "Tynset kommune, psykisk helse", "primary", 2),
    "dps-tynset": (
        "tynset",
        "DPS Tynset, allmennpsykiatrisk poliklinikk",
        "specialist",
        3,
    ),
}

PEOPLE = [
    DemoPerson(
        "ingrid",
        "Ingrid",
        "Berg",
        "bergen",
        "4GDADC3NYKYMAHW32BOLCALLQT22TZWD",
        ("is_service_user",),
    ),
    DemoPerson(
        "jonas",
        "Jonas",
        "Nilsen",
        "tynset",
        "IYSGLEHFAFIMWKH5JFOYMYAFEEWA3OHO",
        ("is_service_user",),
    ),
    DemoPerson(
        "per",
        "Per",
        "Hansen",
        "bergen",
        "VTVTKQPJ4SQPK3OMR6ECHY2B3M2643NG",
        ("is_provider",),
        "psykiatrisk sykepleier",
        ("arstad",),
    ),
    DemoPerson(
        "siri",
        "Siri",
        "Lunde",
        "bergen",
        "6LFQCONKEOSEZ3XGRUWM47DWXGHXNLXO",
        ("is_provider",),
        "psykologspesialist",
        ("bjorgvin",),
    ),
    DemoPerson(
        "kari",
        "Kari",
        "Moen",
        "tynset",
        "PXIXN6YQFKPHRJFYXWTTME4LMZGFUNNN",
        ("is_provider",),
        "vernepleier",
        ("tynset-kommune",),
    ),
    DemoPerson(
        "eirik",
        "Eirik",
        "Haugen",
        "tynset",
        "C5E34NA7OUYR7DAH5DXGF3XSMNHQUL5X",
        ("is_provider",),
        "klinisk sosionom",
        ("dps-tynset",),
    ),
    DemoPerson(
        "lars",
        "Lars",
        "Dahl",
        "bergen",
        "LCT7ERBZAMQAC5YGJ4H7DNH4LQNZW6AU",
        ("is_provider",),
        "psykiater",
        ("bjorgvin",),
    ),
    DemoPerson(
        "mona",
        "Mona",
        "Strand",
        "bergen",
        "YUMD2BFUKXPLHVU2XL7XZU4P4SZ7EXYH",
        ("is_service_user", "is_moderator"),
    ),
    DemoPerson(
        "thomas",
        "Thomas",
        "Aas",
        "bergen",
        "KGSYFD37FUQ5F4ZRIK4VF6IPBZRJPLRG",
        ("is_community_admin",),
    ),
    DemoPerson(
        "rita",
        "Rita",
        "Falk",
        "bergen",
        "5C6P4XX2SMWJQCPJ5OAFHAJZVU7LEFBQ",
        ("is_researcher",),
    ),
]

# Each service user works with one provider at each level; Lars stays unconnected
# so that the demo shows what a provider without access sees.
RELATIONSHIPS = [
    ("ingrid", "per", "arstad"),
    ("ingrid", "siri", "bjorgvin"),
    ("jonas", "kari", "tynset-kommune"),
    ("jonas", "eirik", "dps-tynset"),
]


def totp_key_hex(secret: str) -> str:
    """Turn the base32 secret an authenticator app takes into django-otp's hex key."""
    try:
        return base64.b32decode(secret).hex()
    except binascii.Error as error:
        raise ValueError(f"not a base32 secret: {error}") from error


@transaction.atomic
def load_demo() -> dict[str, User]:
    communities = _load_communities()
    services = _load_services(communities)
    people = {
        person.username: _load_person(person, communities, services)
        for person in PEOPLE
    }
    _load_relationships(people, services)

    for app in DEMO_APPS:
        module = import_module(f"samspill.{app}.demo")
        module.load_demo(people)
    return people


def _load_communities() -> dict[str, Community]:
    return {
        slug: Community.objects.get_or_create(
            slug=slug, defaults={"name": name, "inhabitants": inhabitants}
        )[0]
        for slug, (name, inhabitants) in COMMUNITIES.items()
    }


def _load_services(communities: dict[str, Community]) -> dict[str, Service]:
    services = {}
    for key, (community, name, level, days) in SERVICES.items():
        services[key], _ = Service.objects.get_or_create(
            community=communities[community],
            name=name,
            defaults={"level": level, "response_working_days": days},
        )
    return services


def _load_person(
    person: DemoPerson,
    communities: dict[str, Community],
    services: dict[str, Service],
) -> User:
    user = User.objects.filter(username=person.username).first()
    if user is None:
        user = User.objects.create_user(
            username=person.username,
            password=DEMO_PASSWORD,
            email=f"{person.username}@demo.samspill.no",
            first_name=person.first_name,
            last_name=person.last_name,
            community=communities[person.community],
            professional_title=person.title,
            **dict.fromkeys(person.roles, True),
        )
    TOTPDevice.objects.get_or_create(
        user=user,
        name="demo",
        defaults={"key": totp_key_hex(person.totp_secret), "confirmed": True},
    )
    for key in person.services:
        ServiceMembership.objects.get_or_create(service=services[key], provider=user)
    return user


def _load_relationships(people: dict[str, User], services: dict[str, Service]) -> None:
    for user, provider, service in RELATIONSHIPS:
        CareRelationship.objects.get_or_create(
            service_user=people[user],
            provider=people[provider],
            status=CareRelationship.Status.ACTIVE,
            defaults={"service": services[service], "started_at": timezone.now()},
        )
