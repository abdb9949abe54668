"""Plain functions that make model instances with sensible defaults (DPC's Factory)."""

import itertools
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify

from newsletters.models import Bulletin, Contact, ProgrammeItem, Publication
from resources.models import Audience, Format, Publisher, Resource, Theme

_sequence = itertools.count(1)


def _unique(prefix):
    return f"{prefix} {next(_sequence)}"


def make_theme(name=None, **overrides):
    name = name or _unique("Theme")
    return Theme.objects.create(name=name, slug=overrides.pop("slug", slugify(name)), **overrides)


def make_format(name=None, **overrides):
    name = name or _unique("Format")
    return Format.objects.get_or_create(
        slug=overrides.pop("slug", slugify(name)), defaults={"name": name, **overrides}
    )[0]


def make_publisher(name=None, **overrides):
    name = name or _unique("Publisher")
    return Publisher.objects.create(
        name=name, slug=overrides.pop("slug", slugify(name)), **overrides
    )


def make_audience(name=None, **overrides):
    name = name or _unique("Audience")
    return Audience.objects.create(
        name=name, slug=overrides.pop("slug", slugify(name)), **overrides
    )


def make_resource(title=None, *, themes=(), audiences=(), **overrides):
    """A live resource unless `published_at` says otherwise (None makes a draft)."""
    title = title or _unique("Resource")
    overrides.setdefault("slug", slugify(title)[:200] or f"resource-{next(_sequence)}")
    overrides.setdefault("summary", f"A summary of {title}.")
    overrides.setdefault("published_at", timezone.now() - timedelta(days=1))
    if "format" not in overrides:
        overrides["format"] = make_format("Report")
    resource = Resource.objects.create(title=title, **overrides)
    if themes:
        resource.themes.set(themes)
    if audiences:
        resource.audiences.set(audiences)
    return resource


def make_seminar(title=None, *, days_from_now=14, **overrides):
    starts_at = timezone.localtime().replace(
        hour=10, minute=0, second=0, microsecond=0
    ) + timedelta(days=days_from_now)
    overrides.setdefault("format", make_format("Seminar"))
    overrides.setdefault("starts_at", starts_at)
    overrides.setdefault("ends_at", starts_at + timedelta(hours=3))
    overrides.setdefault("venue", "Leeds Civic Hall")
    overrides.setdefault("booking_url", "https://example.org/book")
    return make_resource(title, **overrides)


def make_staff(username="editor", *, superuser=False, permissions=()):
    user = get_user_model().objects.create_user(
        username=username,
        password="a-long-test-password",
        is_staff=True,
        is_superuser=superuser,
    )
    if permissions:
        from django.contrib.auth.models import Permission

        for codename in permissions:
            app_label, code = codename.split(".")
            user.user_permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=code)
            )
    return user


def make_contact(name="Richard Tyndall", **overrides):
    overrides.setdefault("role", "SESLI Programme Manager")
    overrides.setdefault("organisation", "South East Sector-Led Improvement Programme")
    overrides.setdefault("email", f"{slugify(name).replace('-', '.')}@example.org")
    overrides.setdefault("phone", "07880 787007")
    return Contact.objects.create(name=name, **overrides)


def make_bulletin(number=None, *, items=(), **overrides):
    """A published update unless `published_at` says otherwise; `items` are titles or dicts."""
    number = number or 390 + next(_sequence)
    overrides.setdefault("issued_on", timezone.localdate() - timedelta(days=7))
    overrides.setdefault("published_at", timezone.now() - timedelta(days=1))
    bulletin = Bulletin.objects.create(number=number, **overrides)
    for order, item in enumerate(items, start=1):
        fields = {"title": item} if isinstance(item, str) else dict(item)
        make_item(bulletin, order=order, **fields)
    return bulletin


def make_item(bulletin, title=None, **overrides):
    overrides.setdefault("order", bulletin.items.count() + 1 if bulletin else 1)
    overrides.setdefault("update", f"News about {title or 'the programme'}.")
    overrides.setdefault("action_required", "Please read and share with your teams.")
    contacts = overrides.pop("contacts", ())
    item = ProgrammeItem.objects.create(
        bulletin=bulletin, title=title or _unique("Programme item"), **overrides
    )
    if contacts:
        item.contacts.set(contacts)
    return item


def make_publication(title=None, **overrides):
    overrides.setdefault("publisher", "DfE")
    overrides.setdefault("published_on", timezone.localdate() - timedelta(days=10))
    return Publication.objects.create(title=title or _unique("Publication"), **overrides)


def sign_in(client, username, password):
    """Sign in through the admin's login form, as a person does; True if it worked.

    (client.login() skips the login page, and django-axes refuses it without a request.)
    """
    from django.urls import reverse

    client.post(reverse("admin:login"), {"username": username, "password": password})
    return "_auth_user_id" in client.session
