"""The benchmark's data generator makes what the models would make."""

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
