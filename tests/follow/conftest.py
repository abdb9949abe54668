import pytest

from tests.factories import make_format, make_theme


@pytest.fixture
def safeguarding():
    return make_theme("Safeguarding", slug="safeguarding")


@pytest.fixture
def video():
    return make_format("Video", slug="video", duration_verb="watch")
