"""The weekly updates' admin pages for the admin tests: addresses, actions, messages, form data."""

from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

CONTENT_MODELS = ("bulletin", "programmeitem", "publication", "contact")


def changelist_url(model_name="bulletin"):
    return reverse(f"admin:newsletters_{model_name}_changelist")


def change_url(obj):
    return reverse(f"admin:newsletters_{obj._meta.model_name}_change", args=[obj.pk])


def start_next_url(bulletin):
    return reverse("admin:newsletters_bulletin_start_next", args=[bulletin.pk])


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def run_action(client, action, *bulletins):
    return client.post(
        changelist_url(),
        {"action": action, "_selected_action": [bulletin.pk for bulletin in bulletins]},
    )


def bulletin_form_data(number=394, items=(), **overrides):
    """Return POST data for the bulletin add form, with `items` (dicts) in the inline."""
    data = {
        "number": str(number),
        "issued_on": timezone.localdate().strftime("%d/%m/%Y"),
        "introduction": "Welcome to this week’s update.",
        "published_at_0": "",
        "published_at_1": "",
        "items-TOTAL_FORMS": str(len(items)),
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
        **overrides,
    }
    for index, item in enumerate(items):
        fields = {
            "id": "",
            "bulletin": "",
            "update": "",
            "action_required": "",
            "action_deadline": "",
            **item,
        }
        for name, value in fields.items():
            data[f"items-{index}-{name}"] = str(value)
    return data
