"""What the site search finds in the library (registered in apps.py; see search/registry.py)."""

from search.documents import Document, one_line, plain
from search.registry import Searchable

from .models import Resource, Theme


def resource_document(resource):
    """The searchable text of a resource (with themes, format and publisher loaded)."""
    facets = [theme.name for theme in resource.themes.all()]
    facets.append(resource.format.name)
    if resource.publisher_id:
        facets.append(resource.publisher.name)
    return Document(
        title=one_line(resource.title),
        summary=one_line(f"{resource.summary}\n{resource.credit}"),
        facets=one_line(" · ".join(facets)),
        body=plain(resource.body_html),
    )


def vocabulary():
    """“Did you mean” offers the words of published titles and of every theme's name."""
    return (
        Resource.objects.published().values_list("title"),
        Theme.objects.values_list("name"),
    )


RESOURCES = Searchable(
    model=Resource,
    kind="resource",
    type="resources",
    label="Resources",
    document=resource_document,
    published=lambda: Resource.objects.published(),
    date_field="published_on",
    result_template="resources/_search_result.html",
    describe=lambda resource: resource.format.name,
    suggestions=lambda: Resource.objects.published().newest_first(),
    listing=lambda: Resource.objects.for_listing(body_html=True),
    # Their names are in a resource's document (its facets).
    related=("themes", "format", "publisher"),
    vocabulary=vocabulary,
    browse=("the themes", "resources:theme_list"),
    order=1,
)
