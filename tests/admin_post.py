"""Post an admin change form as the page shows it, with a few fields changed."""

from django import forms


def _put(data, form, name):
    field = form.fields[name]
    value = form[name].value()
    key = form.add_prefix(name)
    if isinstance(field.widget, forms.MultiWidget):
        parts = (
            value if isinstance(value, list | tuple) else field.widget.decompress(value)
        )
        for index, part in enumerate(parts):
            if part is not None:
                data[f"{key}_{index}"] = str(part)
    elif isinstance(value, bool):
        if value:
            data[key] = "on"
    elif isinstance(value, list | tuple):
        data[key] = [str(item) for item in value]
    elif value is not None:
        data[key] = str(value)


def change_form_data(client, url) -> dict:
    """What the admin page at `url` would post unchanged: the main form, each
    inline's management form and its forms, with their current values."""
    response = client.get(url)
    assert response.status_code == 200
    page_forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        page_forms.append(inline.formset.management_form)
        page_forms.extend(inline.formset.forms)
    data = {}
    for form in page_forms:
        for name in form.fields:
            _put(data, form, name)
    return data
