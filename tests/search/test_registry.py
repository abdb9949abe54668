"""What the site search finds is what the content apps register (search/registry.py)."""

from dataclasses import replace

import pytest
from django.db import connection
from django.urls import reverse

from newsletters.models import Contact, ProgrammeItem
from newsletters.searchable import PROGRAMME_ITEMS
from resources.models import Resource
from resources.searchable import RESOURCES
from search import engine, index, registry
from search.documents import Document
from search.query import parse
from tests.factories import make_bulletin, make_contact, make_item, make_publisher, make_resource
from tests.search.conftest import did_you_mean_needs_postgres

pytestmark = pytest.mark.django_db

SEARCH_URL = reverse("search:search")


@pytest.fixture
def searchables():
    """Change the registry for one test: whatever was registered comes back after."""
    before = {searchable.model: searchable for searchable in registry.searchables()}
    yield registry
    for searchable in registry.searchables():
        if searchable.model not in before:
            registry.unregister(searchable.model)
    for searchable in before.values():
        registry.register(searchable)


def titles(response):
    return [result.object.title for result in response.context["page_obj"].object_list]


def test_the_content_apps_register_resources_and_update_items_in_that_order():
    assert [(s.model, s.type, s.label) for s in registry.searchables()] == [
        (Resource, "resources", "Resources"),
        (ProgrammeItem, "updates", "Weekly update items"),
    ]
    assert registry.for_model(Resource).kind == RESOURCES.kind == "resource"
    assert registry.for_model(ProgrammeItem).result_template == PROGRAMME_ITEMS.result_template


def test_each_result_is_shown_with_the_template_its_app_registered(client, corpus):
    response = client.get(SEARCH_URL, {"q": "behaviour or exclusion"})
    used = {template.name for template in response.templates}
    assert {"resources/_search_result.html", "newsletters/_search_result.html"} <= used
    assert "search/_result.html" not in used


def test_an_unregistered_kind_is_not_searched_counted_or_offered(client, corpus, searchables):
    before = client.get(SEARCH_URL, {"q": "behaviour or exclusion"})
    assert "Behaviour Hubs Programme launched by DfE" in titles(before)
    assert 'Weekly update items <span class="count">(1)</span>' in before.content.decode()

    searchables.unregister(ProgrammeItem)

    response = client.get(SEARCH_URL, {"q": "behaviour or exclusion"})
    html = response.content.decode()
    assert "Behaviour Hubs Programme launched by DfE" not in titles(response)
    assert "Weekly update items" not in html
    assert 'Everything <span class="count">(2)</span>' in html
    assert titles(client.get(SEARCH_URL, {"q": "hubs"})) == []
    empty = client.get(SEARCH_URL, {"q": "zebra"}).content.decode()
    assert "Browse the themes" in empty and "the weekly updates" not in empty
    assert client.get(SEARCH_URL, {"q": "hubs", "type": "updates"}).context["type"] == "all"
    suggestions = client.get(reverse("search:suggestions"), {"q": "behaviour hubs"}).json()
    assert suggestions["results"] == []


def found(text):
    return [result.object.title for result in engine.results(engine.matches(parse(text)), None)]


def test_an_unregistered_model_is_no_longer_indexed_on_save(searchables):
    item = make_item(make_bulletin(), "Kinship care pilot", update="Six areas take part.")
    searchables.unregister(ProgrammeItem)
    item.title = "Family hubs pilot"
    item.save()
    searchables.register(PROGRAMME_ITEMS)

    assert found("hubs") == []  # saved while unregistered: not indexed
    index.rebuild()
    assert found("hubs") == ["Family hubs pilot"]
    assert found("kinship") == []


def test_the_registered_order_orders_the_type_filter_and_the_browse_links(
    client, corpus, searchables
):
    searchables.register(replace(registry.for_model(ProgrammeItem), order=0))
    html = client.get(SEARCH_URL, {"q": "behaviour or exclusion"}).content.decode()
    assert html.index("Weekly update items <span") < html.index("Resources <span")
    empty = client.get(SEARCH_URL, {"q": "zebra"}).content.decode()
    assert "Browse the weekly updates</a> or" in empty


def test_a_related_rename_reindexes_only_through_registered_relations(searchables):
    publisher = make_publisher("Old press")
    make_resource("Tagged resource", publisher=publisher)
    searchables.register(replace(registry.for_model(Resource), related=("themes", "format")))

    publisher.name = "Corporate parenting press"
    publisher.save()

    assert engine.counts(parse('"old press"'))["resources"] == 1  # not re-indexed
    assert engine.counts(parse("corporate"))["resources"] == 0


def test_kinds_and_types_are_one_model_s_each(searchables):
    with pytest.raises(ValueError, match="already"):
        searchables.register(replace(PROGRAMME_ITEMS, model=Contact, kind="contact"))
    with pytest.raises(ValueError, match="means everything"):
        searchables.register(replace(PROGRAMME_ITEMS, model=Contact, kind="contact", type="all"))


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="SQLite only: on PostgreSQL a searchable model needs a search_vector column",
)
def test_a_newly_registered_model_is_searched_once_migrate_has_made_its_index(client, searchables):
    make_contact("Richard Tyndall", role="SESLI Programme Manager", email="rt@example.org")
    contacts = registry.Searchable(
        model=Contact,
        kind="contact",
        type="contacts",
        label="Contacts",
        document=lambda contact: Document(title=contact.name, summary=contact.role),
        published=lambda: Contact.objects.all(),
        date_field="pk",
        result_template="newsletters/_search_result.html",
        describe=lambda contact: contact.role,
        suggestions=lambda: Contact.objects.order_by("name"),
        title_fields=("name",),
        order=3,
    )
    searchables.register(contacts)

    index.prepare()  # what `migrate` does after migrating (post_migrate)

    rows = list(engine.matches(parse("sesli")))
    assert [(kind, pk) for kind, pk, *_ in rows] == [("contact", Contact.objects.get().pk)]
    assert engine.counts(parse("tyndall")) == {"resources": 0, "updates": 0, "contacts": 1}
    make_contact("Ann Other", role="SESLI adviser", email="ao@example.org")  # indexed on save
    assert engine.counts(parse("sesli"))["contacts"] == 2
    html = client.get(SEARCH_URL, {"q": "zebra"}).content.decode()
    assert 'Contacts <span class="count">(0)</span>' in html


@did_you_mean_needs_postgres
def test_did_you_mean_offers_the_words_of_the_registered_vocabularies(corpus, searchables):
    query = parse("hubz")
    assert engine.did_you_mean(query) is None  # item titles are no vocabulary of theirs
    searchables.register(
        replace(
            registry.for_model(ProgrammeItem),
            vocabulary=lambda: (
                ProgrammeItem.objects.in_published_updates().values_list("title"),
            ),
        )
    )
    assert engine.did_you_mean(query) == "hubs"
    searchables.register(replace(registry.for_model(Resource), vocabulary=lambda: ()))
    assert engine.did_you_mean(parse("inclusoin")) is None  # no theme names any more
