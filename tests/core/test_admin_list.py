"""herentq/admin_list.py renders a changelist's rows as Django's `result_list` does.

Every changelist is opened through the admin; its ChangeList is then rendered with
Django's tag and with ours, and the two must be the same HTML (the page shows
ours).
"""

import datetime as dt

import pytest
from django.contrib import admin
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

from herentq.models import LocalAuthority, Notice
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DJANGO = Template("{% load admin_list %}{% result_list cl %}")
HERENTQ = Template("{% load herentq_admin %}{% herentq_result_list cl %}")


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def _open(client, model, query=""):
    """The changelist's page and its ChangeList."""
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    response = client.get(url + query)
    assert response.status_code == 200, url + query
    return response.content.decode(), response.context["cl"]


def _both(changelist) -> tuple[str, str]:
    context = Context({"cl": changelist, "opts": changelist.opts})
    return DJANGO.render(context), HERENTQ.render(context)


def test_every_changelist_renders_the_rows_django_renders(demo_data, admin_client):
    rows = 0
    for model in admin.site._registry:
        page, changelist = _open(admin_client, model)
        with translation.override("nl-be"):
            django_html, herentq_html = _both(changelist)
        assert herentq_html == django_html, model
        assert herentq_html in page, model
        with translation.override("en"):
            assert _both(changelist)[1] == _both(changelist)[0], model
        rows += len(changelist.result_list)
    # The demo data fills the changelists: rows were compared, not empty lists.
    assert rows > 300


def test_filtered_and_sorted_rows_link_with_the_preserved_filters(
    demo_data, admin_client
):
    from partnerships.models import Partnership

    page, changelist = _open(admin_client, Partnership, "?is_published__exact=1&o=-2")
    django_html, herentq_html = _both(changelist)
    assert herentq_html == django_html
    assert herentq_html in page
    assert "?_changelist_filters=is_published__exact%3D1%26o%3D-2" in herentq_html


def test_empty_values_booleans_dates_and_markup_in_values(admin_client):
    LocalAuthority.objects.create(
        name='<b>"Aalst" & co</b>', slug="aalst-en-co", postcode="   "
    )
    now = timezone.now()
    Notice.objects.create(
        title="<i>Let op</i>",
        body="x",
        severity="info",
        starts_at=now,
        ends_at=now + dt.timedelta(days=1),
    )
    shown = {}
    for model in [LocalAuthority, Notice]:
        _page, changelist = _open(admin_client, model)
        django_html, herentq_html = _both(changelist)
        assert herentq_html == django_html
        shown[model] = herentq_html
    assert "&lt;b&gt;&quot;Aalst&quot; &amp; co&lt;/b&gt;" in shown[LocalAuthority]
    assert "&lt;i&gt;Let op&lt;/i&gt;" in shown[Notice]


def test_a_popup_keeps_djangos_rendering(admin_client):
    LocalAuthority.objects.create(name="Aalst", slug="aalst")
    page, changelist = _open(admin_client, LocalAuthority, "?_popup=1&_to_field=id")
    django_html, herentq_html = _both(changelist)
    assert herentq_html == django_html
    assert "data-popup-opener" in herentq_html


def test_rows_are_rendered_as_one_piece_of_html_each(service_client):
    LocalAuthority.objects.create(name="Aalst", slug="aalst")
    response = service_client.get(reverse("admin:herentq_localauthority_changelist"))
    rows = response.context["results"]
    assert rows and all(len(row) == 1 for row in rows)
    assert "Aalst" in response.content.decode()
