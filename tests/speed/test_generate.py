"""The benchmark's data generator makes what the models would make."""

from datetime import UTC, date, datetime

import pytest

from bench.generate import generate
from core.text import render_markdown, word_count
from newsletters.models import Bulletin, ProgrammeItem
from resources.models import Format, Publisher, Resource, Theme


@pytest.mark.django_db
def test_generated_library_has_the_real_shape():
    generate(size=60, updates=6, quiet=True, body_words=(60, 120))
    assert Resource.objects.count() == 60
    assert (Theme.objects.count(), Format.objects.count(), Publisher.objects.count()) == (
        15,
        15,
        60,
    )
    assert Bulletin.objects.published().count() == 6
    assert ProgrammeItem.objects.count() == 6 * 8
    assert Bulletin.reminders.through.objects.exists()
    for resource in Resource.objects.all()[:10]:
        # body_html is built directly for speed: it must be what save() would render.
        assert resource.body_html == render_markdown(resource.body)
        assert resource.word_count == word_count(resource.body)
        assert resource.themes.exists()


@pytest.mark.django_db
def test_generated_library_is_placed_relative_to_the_given_now():
    # 06:14 on 3 December 2026: once, the newest update went live at 08:00 that day.
    now = datetime(2026, 12, 3, 6, 14, tzinfo=UTC)
    generate(size=20, updates=6, quiet=True, body_words=(20, 40), now=now)
    newest = Bulletin.objects.order_by("-number").first()
    assert newest.issued_on == date(2026, 12, 3)
    assert newest.published_at == now
    assert Bulletin.objects.filter(published_at__lte=now).count() == 6
    assert not Resource.objects.filter(published_at__gt=now).exists()
