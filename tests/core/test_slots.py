"""Slots: one app's page shows another's part without knowing it (core/slots.py)."""

import pytest
from django.template import Context, Template

from core import slots
from tests.factories import make_bulletin, make_item, make_resource


@pytest.fixture
def no_parts(monkeypatch):
    """The registry as if no app had filled any slot."""
    monkeypatch.setattr(slots, "_parts", slots.defaultdict(list))


def render(source, **context):
    return Template("{% load slots %}" + source).render(Context(context))


def test_a_slot_nobody_fills_renders_nothing(no_parts):
    assert render('<p>{% slot "nowhere" %}</p>') == "<p></p>"


def greeting(**arguments):
    return {"messages": [f"Hello, {arguments.get('name', 'reader')}"]}


def test_a_filled_slot_renders_its_template_with_the_context_it_was_given(no_parts):
    slots.fill("greeting", "includes/messages.html", greeting)
    assert "Hello, Ada" in render('{% slot "greeting" name="Ada" %}')


def test_filling_twice_shows_the_part_once(no_parts):
    for _ in range(2):  # ready() can run twice, in tests
        slots.fill("greeting", "includes/messages.html", greeting)
    assert render('{% slot "greeting" %}').count("Hello, reader") == 1


@pytest.mark.django_db
def test_the_library_pages_show_the_updates_through_their_slots(client):
    bulletin = make_bulletin(393, items=["Healthy Schools"])
    resource = make_resource("Toolkit")
    make_item(bulletin, "Using the toolkit", resource=resource)

    home = client.get("/").content.decode()
    assert "Latest weekly update" in home and "Healthy Schools" in home
    page = client.get(resource.get_absolute_url()).content.decode()
    assert "Featured in" in page and "Update No 393" in page


@pytest.mark.django_db
def test_without_the_updates_the_library_pages_still_work(client, no_parts):
    resource = make_resource("Toolkit")
    make_item(make_bulletin(393), "Using the toolkit", resource=resource)

    home = client.get("/")
    assert home.status_code == 200
    assert "Latest weekly update" not in home.content.decode()
    page = client.get(resource.get_absolute_url())
    assert page.status_code == 200
    assert "Featured in" not in page.content.decode()
