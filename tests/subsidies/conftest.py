import pytest
from django.test import Client

from tests.subsidies.factories import (
    ApplicationFactory,
    CallFactory,
    EnvelopeFactory,
    OrganisationFactory,
    SchemeFactory,
    verified_user,
)


@pytest.fixture
def applicant(db):
    return verified_user(email="an@vereniging.be", username="an")


@pytest.fixture
def applicant_client(client, applicant):
    client.force_login(applicant)
    return client


@pytest.fixture
def organisation(applicant):
    return OrganisationFactory(members=[applicant])


@pytest.fixture
def scheme(db):
    return SchemeFactory()


@pytest.fixture
def call(scheme):
    return CallFactory(scheme=scheme)


@pytest.fixture
def envelope(scheme, call):
    return EnvelopeFactory(scheme=scheme, year=call.year)


@pytest.fixture
def draft(call, organisation, applicant, envelope):
    """A complete, balanced draft of the applicant's organisation."""
    return ApplicationFactory(
        call=call, organisation=organisation, created_by=applicant
    )


@pytest.fixture
def outsider(db):
    """Someone with an account and an organisation of their own."""
    user = verified_user(email="bert@andere.be", username="bert")
    OrganisationFactory(members=[user])
    return user


@pytest.fixture
def outsider_client(outsider):
    """A browser of its own, so a test can compare it with the applicant's."""
    other = Client()
    other.force_login(outsider)
    return other
