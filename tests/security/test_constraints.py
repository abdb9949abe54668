"""The database itself refuses rows that break the models' rules (SQLite and PostgreSQL)."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from newsletters.models import Bulletin, Contact, ProgrammeItem, Publication
from resources.models import Audience, Format, Publisher, Resource, Theme
from tests.factories import (
    make_audience,
    make_bulletin,
    make_contact,
    make_format,
    make_item,
    make_publication,
    make_publisher,
    make_resource,
    make_theme,
)

pytestmark = pytest.mark.django_db


def refused(model, pk, **values):
    """True if the database refuses to give row `pk` these values (bypassing Python checks)."""
    try:
        with transaction.atomic():
            model.objects.filter(pk=pk).update(**values)
    except IntegrityError:
        return True
    return False


BAD_UPDATES = [
    # Choices
    (Format, make_format, {"duration_verb": "sing"}),
    # Required text is never empty
    (Theme, make_theme, {"name": ""}),
    (Theme, make_theme, {"slug": ""}),
    (Format, make_format, {"name": ""}),
    (Format, make_format, {"slug": ""}),
    (Publisher, make_publisher, {"name": ""}),
    (Publisher, make_publisher, {"slug": ""}),
    (Audience, make_audience, {"name": ""}),
    (Audience, make_audience, {"slug": ""}),
    (Resource, make_resource, {"title": ""}),
    (Resource, make_resource, {"slug": ""}),
    (Resource, make_resource, {"summary": ""}),
    (Contact, make_contact, {"name": ""}),
    (Contact, make_contact, {"email": ""}),
    (Publication, make_publication, {"title": ""}),
    (ProgrammeItem, lambda: make_item(make_bulletin()), {"title": ""}),
    # Links are web addresses, never javascript: or data:
    (Resource, make_resource, {"external_url": "javascript:alert(1)"}),
    (Resource, make_resource, {"booking_url": "data:text/html,<script>alert(1)</script>"}),
    (Publisher, make_publisher, {"website": " javascript:alert(1)"}),
    (Publication, make_publication, {"url": "vbscript:msgbox(1)"}),
    # Positive numbers
    (Theme, make_theme, {"order": -1}),
    (Resource, make_resource, {"duration_minutes": 0}),
    (Resource, make_resource, {"duration_minutes": -5}),
    (Resource, make_resource, {"word_count": -1}),
    (Resource, make_resource, {"version": 0}),
    (Bulletin, make_bulletin, {"number": 0}),
    (Bulletin, make_bulletin, {"version": 0}),
    (ProgrammeItem, lambda: make_item(make_bulletin()), {"order": 0}),
    # Dates in order: an event ends after it starts, and has a start if it has an end
    (
        Resource,
        make_resource,
        {"starts_at": timezone.now(), "ends_at": timezone.now() - timedelta(hours=1)},
    ),
    (Resource, make_resource, {"starts_at": None, "ends_at": timezone.now()}),
]


@pytest.mark.parametrize(
    ("model", "make", "values"),
    BAD_UPDATES,
    ids=[f"{model.__name__}-{'-'.join(values)}" for model, _, values in BAD_UPDATES],
)
def test_the_database_refuses_a_bad_value(model, make, values):
    row = make()
    assert refused(model, row.pk, **values)


def test_the_database_accepts_good_values():
    """The constraints are not too strict: the rules' good cases still save."""
    resource = make_resource()
    start = timezone.now()
    assert not refused(Resource, resource.pk, duration_minutes=1, starts_at=start, ends_at=start)
    assert not refused(Resource, resource.pk, starts_at=start, ends_at=None)
    assert not refused(Resource, resource.pk, external_url="HTTPS://Example.org/x")
    assert not refused(Resource, resource.pk, booking_url="")


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (make_theme, "name"),
        (make_theme, "slug"),
        (make_format, "slug"),
        (make_publisher, "slug"),
        (make_audience, "slug"),
        (make_resource, "slug"),
        (make_bulletin, "number"),
    ],
)
def test_the_database_refuses_a_duplicate(make, field):
    first, second = make(), make()
    assert refused(type(first), second.pk, **{field: getattr(first, field)})


def test_contact_e_mail_addresses_are_unique_whatever_their_case():
    make_contact("One", email="someone@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        Contact.objects.create(name="Two", email="SomeOne@Example.org")


def test_a_publication_is_linked_to_at_most_one_library_resource():
    resource = make_resource()
    make_publication(resource=resource)
    with pytest.raises(IntegrityError), transaction.atomic():
        Publication.objects.create(title="Again", resource=resource)


def test_the_admin_form_explains_a_broken_rule_instead_of_failing(admin_client):
    """A constraint the form does not check itself comes back as a message, not a 500."""
    from django.urls import reverse

    response = admin_client.post(
        reverse("admin:resources_resource_add"),
        {
            "title": "Zero minutes",
            "slug": "zero-minutes",
            "format": make_format("Report").pk,
            "summary": "A summary.",
            "published_on": "01/01/2026",
            "duration_minutes": "0",
        },
    )
    assert response.status_code == 200
    assert "A duration is at least 1 minute" in response.content.decode()
    assert not Resource.objects.filter(slug="zero-minutes").exists()
