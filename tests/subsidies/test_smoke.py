import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_applicant_page_opens_for_a_member(applicant_client, draft, call):
    for url in [
        reverse("subsidies:index"),
        reverse("subsidies:scheme_detail", args=[call.scheme.slug]),
        reverse("subsidies:register"),
        reverse("subsidies:dashboard"),
        reverse("subsidies:organisation_create"),
        reverse("subsidies:organisation_detail", args=[draft.organisation.pk]),
        reverse("subsidies:organisation_update", args=[draft.organisation.pk]),
        reverse("subsidies:application_start", args=[call.pk]),
        draft.get_absolute_url(),
        reverse("subsidies:application_summary", args=[draft.pk]),
        *[
            reverse("subsidies:application_step", args=[draft.pk, s])
            for s in [
                "organisatie",
                "project",
                "partner",
                "sdgs",
                "begroting",
                "bijlagen",
                "verklaringen",
            ]
        ],
    ]:
        response = applicant_client.get(url)
        assert response.status_code == 200, url
