"""Where subsidies meets the council (GROSH) and the partnerships apps.

Every call to a sibling app goes through this module, so the rest of the app
depends on a small interface: put a file on a meeting's agenda, read the advice,
and tell whether a user is a council member who may see the file.
"""

from django.contrib.contenttypes.models import ContentType

from herentq.constants import COUNCIL_MEMBERS_GROUP
from herentq.models import AuditEntry


def _council():
    try:
        from council import selectors, services
    except ImportError:
        return None, None
    if not hasattr(services, "agenda_item_create_for_subject"):
        return None, None
    return services, selectors


def council_available() -> bool:
    return _council()[0] is not None


def upcoming_meetings():
    """Meetings a file can be put on, for the admin's form (empty without council)."""
    services, selectors = _council()
    if selectors is None or not hasattr(selectors, "meetings_upcoming"):
        return []
    return selectors.meetings_upcoming()


def put_on_agenda(*, application, meeting, actor):
    """Create the agenda item in the council app; returns it (None without council)."""
    services, _selectors = _council()
    if services is None or meeting is None:
        return None
    return services.agenda_item_create_for_subject(
        meeting=meeting,
        subject=application,
        title=f"Subsidieaanvraag {application.reference}: {application.title}",
        description=(
            f"{application.organisation.name} vraagt "
            f"{application.requested_amount} euro voor “{application.title}” "
            f"({application.call.scheme.name})."
        ),
        is_public=False,
        actor=actor,
    )


def advice_for(application):
    """The GROSH's advice on the file, as recorded in the council app (or None)."""
    _services, selectors = _council()
    if selectors is None:
        return None
    return selectors.advice_for_subject(application)


def user_is_council_member(user) -> bool:
    if not user.is_authenticated:
        return False
    _services, selectors = _council()
    if selectors is not None and hasattr(selectors, "user_is_council_member"):
        return selectors.user_is_council_member(user)
    return user.groups.filter(name=COUNCIL_MEMBERS_GROUP).exists()


def is_on_agenda(application) -> bool:
    """Whether the file is the subject of an agenda item of the GROSH."""
    _services, selectors = _council()
    if selectors is not None and hasattr(selectors, "agenda_items_for_subject"):
        return selectors.agenda_items_for_subject(application).exists()
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(application),
        object_id=str(application.pk),
        action="subsidies.put_on_agenda",
    ).exists()
