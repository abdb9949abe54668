"""The sample updates the import tests read, what is in them, and helpers to import them.

SAMPLE_393 is the demo copy in newsletters/demo/; the other texts are in fixtures/.
"""

from io import StringIO
from pathlib import Path

from django.core.management import call_command

import newsletters
from newsletters.models import Bulletin, Contact, ProgrammeItem, Publication

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE_393 = Path(newsletters.__file__).parent / "demo" / "seslip-update-393.txt"
UPDATE_394 = FIXTURES / "update-394.txt"
ALL_MODELS = (Bulletin, ProgrammeItem, Publication, Contact)

BEHAVIOUR_HUBS = "Behaviour Hubs Programme launched by DfE"
DEVELOPING_MODELS = (
    "Developing Models of Social Work Project – Monday 8 June 2020 Conference Booking OPEN"
)
PROFIT_MAKING = "Profit making and risk in independent children’s social care placement providers"
UNREGULATED_HOMES = "UNREGULATED CHILDREN’S HOMES CONSULTATION closing date 8 April"
MEMORANDA = (
    "18 March: Taking a look together at memoranda of co-operation to manage the demand "
    "and supply of Children’s Social Workers"
)


def run_import(path, *args, **options):
    out = StringIO()
    call_command("import_update", str(path), *args, stdout=out, **options)
    return out.getvalue()


def counts():
    return {model.__name__: model.objects.count() for model in ALL_MODELS}


def pks():
    return {
        model.__name__: set(model.objects.values_list("pk", flat=True)) for model in ALL_MODELS
    }
