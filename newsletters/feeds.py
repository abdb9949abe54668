"""An Atom feed of the weekly updates, each with its whole content."""

from django.contrib.syndication.views import Feed
from django.template.loader import render_to_string
from django.urls import reverse

from core.feeds import FullContentAtomFeed, feed_query, with_query
from core.site import SITE_NAME

from .filters import BulletinFilter
from .layout import TEMPLATES, sections
from .models import Bulletin

FEED_LENGTH = 20


class BulletinFeed(Feed):
    feed_type = FullContentAtomFeed
    author_name = SITE_NAME

    def get_object(self, request):
        bulletin_filter = BulletinFilter(request.GET, queryset=Bulletin.objects.published())
        # Entries are read away from the site: their links must be absolute.
        bulletin_filter.site = request.build_absolute_uri("/").rstrip("/")
        return bulletin_filter

    def title(self, bulletin_filter):
        names = []
        if bulletin_filter.search_text:
            names.append(f"mentioning “{bulletin_filter.search_text[:60]}”")
        if bulletin_filter.form.cleaned_data.get("year"):
            names.append(f"{bulletin_filter.form.cleaned_data['year']:.0f}")
        if names:
            return f"Weekly updates: {', '.join(names)}"
        return f"Weekly updates – {SITE_NAME}"

    def subtitle(self, bulletin_filter):
        text = "Each week’s programme news and the actions required of leaders."
        return " ".join([text, *bulletin_filter.notices])

    def link(self, bulletin_filter):
        return with_query(reverse("newsletters:bulletin_list"), feed_query(bulletin_filter.data))

    def feed_url(self, bulletin_filter):
        return with_query(reverse("newsletters:bulletin_feed"), feed_query(bulletin_filter.data))

    def items(self, bulletin_filter):
        bulletins = list(self.latest(bulletin_filter))
        for bulletin in bulletins:
            bulletin.site = bulletin_filter.site
        return bulletins

    def latest(self, bulletin_filter):
        return bulletin_filter.qs.order_by("-number").with_contents()[:FEED_LENGTH]

    def item_title(self, bulletin):
        return bulletin.title

    def item_description(self, bulletin):
        items = bulletin.items.all()
        titles = "; ".join(item.title for item in items)
        count = len(items)
        return f"{count} programme item{'' if count == 1 else 's'}: {titles}" if count else ""

    def item_extra_kwargs(self, bulletin):
        context = {"bulletin": bulletin, "site": bulletin.site, "sections": sections(bulletin)}
        content = render_to_string(TEMPLATES["feed"], context)
        return {"content": content}

    def item_pubdate(self, bulletin):
        return bulletin.published_at

    def item_updateddate(self, bulletin):
        return bulletin.updated_at
