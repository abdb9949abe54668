"""POST data that submits an admin form as it was rendered, for tests that save through admin."""

from django import forms


def form_values(form):
    """POST data that submits a rendered (bound or unbound) form as it stands."""
    data = {}
    for bound in form:
        widget = getattr(bound.field.widget, "widget", bound.field.widget)  # admin wrappers
        value = bound.value()
        if isinstance(widget, forms.ClearableFileInput):
            continue
        if isinstance(widget, forms.CheckboxInput):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(widget, forms.MultiWidget):
            parts = widget.decompress(value) if not isinstance(value, list) else value
            for suffix, subwidget, part in zip(
                widget.widgets_names, widget.widgets, parts, strict=True
            ):
                data[bound.html_name + suffix] = subwidget.format_value(part) or ""
        elif getattr(widget, "allow_multiple_selected", False):
            data[bound.html_name] = [str(pk) for pk in value or []]
        else:
            data[bound.html_name] = "" if value is None else str(value)
    return data
