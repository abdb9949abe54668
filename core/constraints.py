"""Database constraints every app's text and link fields share."""

from django.db import models
from django.db.models import Q


def not_blank(prefix, *fields):
    """CheckConstraints that the database refuses an empty value for each required text field."""
    return [
        models.CheckConstraint(
            condition=~Q(**{field: ""}),
            name=f"{prefix}_{field}_not_blank",
            violation_error_message=f"The {field.replace('_', ' ')} can’t be empty.",
        )
        for field in fields
    ]


def web_address(prefix, *fields):
    """CheckConstraints that each link is empty or an http(s) address (never javascript:)."""
    return [
        models.CheckConstraint(
            condition=Q(**{field: ""})
            | Q(**{f"{field}__istartswith": "http://"})
            | Q(**{f"{field}__istartswith": "https://"}),
            name=f"{prefix}_{field}_is_web_address",
            violation_error_message="Links must start with https:// or http://.",
        )
        for field in fields
    ]
