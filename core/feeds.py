"""What every Atom feed of the site shares: XML-safe text, full content, the list's query."""

import re

from django.utils.feedgenerator import Atom1Feed

# Parameters that change what a list page shows but not which resources a feed holds.
NOT_FOR_FEEDS = ("page", "sort")


# Characters XML 1.0 cannot carry: a NUL typed into a search, a vertical tab pasted from Word.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value):
    """`value` without the characters XML 1.0 cannot carry (in lists too)."""
    if isinstance(value, str):
        return NOT_IN_XML.sub("", value)
    if isinstance(value, (list, tuple)):
        return type(value)(xml_text(part) for part in value)
    return value


class XmlSafeAtomFeed(Atom1Feed):
    """Atom that leaves out characters XML cannot carry instead of failing with a 500."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.feed = {name: xml_text(value) for name, value in self.feed.items()}

    def add_item(self, *args, **kwargs):
        super().add_item(*args, **kwargs)
        self.items[-1] = {name: xml_text(value) for name, value in self.items[-1].items()}


class FullContentAtomFeed(XmlSafeAtomFeed):
    """Atom with an entry's whole text in <content>, beside the short <summary>."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})


def feed_query(query_dict):
    """The query string a feed shares with its list page, without paging and sorting."""
    query = query_dict.copy()
    for name in NOT_FOR_FEEDS:
        query.pop(name, None)
    return query.urlencode()


def with_query(path, query):
    return f"{path}?{query}" if query else path
