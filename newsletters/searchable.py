"""What the site search finds in the weekly updates (registered in apps.py; search/registry.py)."""

from search.documents import Document, one_line, plain
from search.registry import Searchable

from .models import ProgrammeItem


def item_document(item):
    """The searchable text of a programme item in a weekly update."""
    return Document(
        title=one_line(item.title),
        summary=plain(f"{item.update_html}\n{item.action_required_html}"),
    )


PROGRAMME_ITEMS = Searchable(
    model=ProgrammeItem,
    kind="item",
    type="updates",
    label="Weekly update items",
    document=item_document,
    # Items of live updates only: each has an update page to link to.
    published=lambda: ProgrammeItem.objects.in_published_updates(),
    date_field="bulletin__issued_on",
    result_template="newsletters/_search_result.html",
    describe=lambda item: f"Update No {item.bulletin.number}",
    suggestions=lambda: ProgrammeItem.objects.in_published_updates().order_by(
        "-bulletin__issued_on", "order"
    ),
    listing=lambda: ProgrammeItem.objects.select_related("bulletin"),
    browse=("the weekly updates", "newsletters:bulletin_list"),
    order=2,
)
