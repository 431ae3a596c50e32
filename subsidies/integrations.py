"""Where subsidies meets its siblings: the council (GROSH) and the partnerships.

Every call into another app goes through this module, so the rest of the app
depends on a small interface: put a file on a meeting's agenda, read the advice
given on it, tell whether a user may see it as a council member, and list the
partnerships a project can belong to. The council never imports subsidies: it
knows a file only as the generic subject of an agenda item.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q

from council import selectors as council_selectors
from council import services as council_services
from council.constants import GROSH_SLUG
from council.constants import AdviceOutcome as AdviceOutcome  # the council's words
from council.models import AgendaItem, Council
from partnerships.models import PartnerPlace, Partnership
from subsidies.formatting import format_eur

# What the council raises when it refuses (e.g. a cancelled meeting).
CouncilError = council_services.CouncilError


def upcoming_meetings():
    """Planned meetings of the GROSH a file can be put on (for the admin's form)."""
    council = Council.objects.filter(slug=GROSH_SLUG).first()
    return list(council_selectors.meetings_upcoming(council=council))


def put_on_agenda(*, application, meeting, actor):
    """Create the (closed) agenda item in the council app; None without a meeting.

    Raises CouncilError when the council refuses (e.g. a cancelled meeting).
    """
    if meeting is None:
        return None
    return council_services.agenda_item_create_for_subject(
        meeting=meeting,
        subject=application,
        title=f"Subsidieaanvraag {application.reference}: {application.title}",
        description=(
            f"{application.organisation.name} vraagt "
            f"{format_eur(application.requested_amount)} voor "
            f"“{application.title}” ({application.call.scheme.name})."
        ),
        is_public=False,
        actor=actor,
    )


def advice_for(application):
    """The GROSH's latest advice on the file, as recorded by the council (or None)."""
    return council_selectors.advice_for_subject(application)


def agenda_items_for(application):
    return AgendaItem.objects.filter(
        subject_type=ContentType.objects.get_for_model(application),
        subject_id=str(application.pk),
    ).select_related("meeting")


def is_on_agenda(application) -> bool:
    """Whether the file is the subject of an agenda item of the GROSH."""
    return agenda_items_for(application).exists()


def user_may_read_council_files(user) -> bool:
    """Council members, and the secretariat that prepares what they read."""
    return council_selectors.user_has_members_access(user)


def partnerships_to_choose():
    """What the partner step accepts (checked by key, never listed whole)."""
    return Partnership.objects.published().select_related("local_authority")


PARTNERSHIP_CHOICES = 10


def partnerships_to_offer(*, search: str = "", country: str = "") -> list:
    """At most `PARTNERSHIP_CHOICES` partnerships for the partner step: those
    whose title, local authority or partner place contains `search`, or,
    without a search, those with a partner place in `country`."""
    partnerships = partnerships_to_choose().order_by("title", "pk")
    if search:
        partnerships = partnerships.filter(
            Q(title__icontains=search)
            | Q(local_authority__name__icontains=search)
            | Exists(
                PartnerPlace.objects.filter(
                    partnership=OuterRef("pk"), name__icontains=search
                )
            )
        )
    elif country:
        partnerships = partnerships.filter(
            Exists(
                PartnerPlace.objects.filter(partnership=OuterRef("pk"), country=country)
            )
        )
    else:
        return []
    return list(partnerships[:PARTNERSHIP_CHOICES])
