"""Fixtures shared by the import tests: test_importer*.py and test_import_command.py.

test_admin.py defines its own, different `update_393` (made with factories), which
takes the place of this one in that file.
"""

import pytest

from newsletters.models import Bulletin
from tests.newsletters.samples import SAMPLE_393, run_import


@pytest.fixture
def update_393():
    run_import(SAMPLE_393)
    return Bulletin.objects.get(number=393)
