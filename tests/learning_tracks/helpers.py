"""Shared steps of the learning-track tests."""

import re

from learning_tracks import services
from learning_tracks.models import Enrolment
from tests.conftest import deliver_mail

LINK = re.compile(r"https?://\S+?/leertrajecten/\S+/")


def enrol(track, *, email=None, organisation="Gemeente Herent", name="Deelnemer"):
    """Enrol and confirm through the services, as the form and the e-mail link do."""
    email = email or f"p{Enrolment.objects.count() + 1}@example.be"
    enrolment = services.enrolment_request(
        track=track,
        name=name,
        email=email,
        organisation=organisation,
        role="civil_servant",
    )
    return services.enrolment_confirm_email(enrolment=enrolment)


def links_in(message) -> list[str]:
    return LINK.findall(message.body)


def path_of(url: str) -> str:
    """The path of an absolute link in an e-mail, to open it on the test server."""
    return "/" + url.split("/", 3)[3]


def mails_to(address: str, outbox=None):
    outbox = deliver_mail() if outbox is None else outbox
    return [message for message in outbox if address in message.to]
