"""Every write of the learning tracks: enrolment, capacity, waiting list, offers,
reminders, attendance, certificates, privacy and the newsletter.

Capacity: every change to who holds a seat locks the track row first
(`select_for_update`) and then moves `Track.seats_taken` in the same transaction;
a CheckConstraint refuses `seats_taken > capacity`. Lock order is always track,
then enrolment, so concurrent requests queue instead of deadlocking.

Waiting list: a seat that comes free is offered at once, in the same transaction,
to the first person waiting whose municipality is under the track's cap; the offer
holds the seat until its deadline, after which `offers_expire` passes it on.
"""

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from herentq import languages
from herentq.audit import audit_log
from herentq.ical import calendar_bytes
from herentq.mail import Optional, refusing
from learning_tracks import mail, selectors
from learning_tracks.constants import (
    CONFIRMATION_HOURS,
    REMINDER_HOURS,
    SEAT_HOLDING_STATUSES,
    EnrolmentStatus,
    TrackStatus,
)
from learning_tracks.models import (
    Attendance,
    Enrolment,
    Interest,
    Newsletter,
    NewsletterSubscriber,
    Session,
    SessionReminder,
    Theme,
    Track,
    normalise_email,
    normalise_organisation,
)
from learning_tracks.tokens import Purpose
from learning_tracks.workflow import ENROLMENTS, TRACKS, LearningTrackError, NotAllowed
from learning_tracks.workflow import InvalidTransition as InvalidTransition  # re-export


class EnrolmentClosed(LearningTrackError):
    pass


class NoSeatAvailable(LearningTrackError):
    pass


class OfferExpired(LearningTrackError):
    pass


# --- helpers -------------------------------------------------------------------


def _lock_track(track_id: int) -> Track:
    return Track.objects.select_for_update().get(pk=track_id)


def _lock_enrolment(enrolment_id: int) -> Enrolment:
    return Enrolment.objects.select_for_update().get(pk=enrolment_id)


def _change_seats(track: Track, delta: int) -> None:
    """Move the seat counter of a locked track; the database checks the bound."""
    Track.objects.filter(pk=track.pk).update(seats_taken=F("seats_taken") + delta)
    track.seats_taken += delta


def _seats_by_organisation(track: Track) -> Counter:
    return Counter(
        track.enrolments.filter(status__in=SEAT_HOLDING_STATUSES).values_list(
            "organisation_key", flat=True
        )
    )


def _has_room(track: Track, enrolment: Enrolment, held: Counter | None = None) -> bool:
    """A free seat, and (with a cap) room for the enrolment's municipality."""
    if track.seats_taken >= track.capacity:
        return False
    if track.municipality_cap is None:
        return True
    held = held if held is not None else _seats_by_organisation(track)
    return held[enrolment.organisation_key] < track.municipality_cap


def _calendar_attachment(track: Track, sessions: Iterable[Session]):
    content = calendar_bytes(
        selectors.calendar_events(track, sessions), name=track.title
    )
    return ("leertraject.ics", content, "text/calendar")


def _links(enrolment: Enrolment) -> dict:
    return {
        "cancel_url": mail.signed_url(
            "enrolment_cancel", Purpose.ENROLMENT_CANCEL, str(enrolment.public_id)
        ),
        "offer_url": mail.signed_url(
            "offer_accept", Purpose.OFFER, str(enrolment.public_id)
        ),
        "track_url": mail.absolute_url(enrolment.track.get_absolute_url()),
    }


def _mail_enrolment(template: str, enrolment: Enrolment, **extra) -> None:
    # In the person's language, links into the site in it too.
    with translation.override(enrolment.language):
        _send_enrolment_mail(template, enrolment, **extra)


def _send_enrolment_mail(template: str, enrolment: Enrolment, **extra) -> None:
    track = enrolment.track
    attachments = []
    if template in {"enrolment_confirmed", "already_enrolled"} and (
        enrolment.status == EnrolmentStatus.CONFIRMED
    ):
        attachments.append(
            _calendar_attachment(track, track.sessions.filter(is_cancelled=False))
        )
    mail.send(
        template,
        to=enrolment.email,
        context={
            "enrolment": enrolment,
            "track": track,
            "sessions": track.sessions.filter(is_cancelled=False),
            **_links(enrolment),
            **extra,
        },
        attachments=attachments,
        reply_to=track.contact_email,
    )


def _mail_waiting(enrolment: Enrolment, template: str = "enrolment_waiting") -> None:
    position = selectors.waiting_position(enrolment)
    _mail_enrolment(template, enrolment, position=position)


def _offer_seat(track: Track, enrolment: Enrolment, now: dt.datetime, actor=None):
    enrolment.status = EnrolmentStatus.OFFERED
    enrolment.offer_expires_at = now + dt.timedelta(hours=track.offer_hours)
    enrolment.save(update_fields=["status", "offer_expires_at"])
    _change_seats(track, +1)
    audit_log(
        target=enrolment,
        action="learning_tracks.enrolment.offered",
        actor=actor,
        data={"offer_expires_at": enrolment.offer_expires_at.isoformat()},
    )
    _mail_enrolment("offer", enrolment)


def _fill_free_seats(
    track: Track, now: dt.datetime, *, actor=None, skip: Enrolment | None = None
) -> list[Enrolment]:
    """Offer every free seat of a locked track to the first eligible person waiting.

    With a cap per municipality, people whose municipality already holds the
    maximum number of seats keep their place in line and are passed over.
    """
    if track.is_finished:
        return []
    offered = []
    held = _seats_by_organisation(track)
    waiting = track.enrolments.waiting_in_order().select_for_update()
    if skip is not None:
        waiting = waiting.exclude(pk=skip.pk)
    for candidate in waiting:
        if track.seats_taken >= track.capacity:
            break
        if not _has_room(track, candidate, held):
            continue
        _offer_seat(track, candidate, now, actor=actor)
        held[candidate.organisation_key] += 1
        offered.append(candidate)
    return offered


# --- enrolment -----------------------------------------------------------------


def enrolment_request(
    *,
    track: Track,
    name: str,
    email: str,
    organisation: str,
    role: str,
    needs: str = "",
    now: dt.datetime | None = None,
) -> Enrolment | None:
    """Record a pending enrolment and mail the link that confirms the address.

    A pending enrolment holds no seat. Sending the form again with the same address
    before confirming replaces the pending data and sends a fresh link. An address
    that is already enrolled changes nothing and gets its own links again by mail.
    The form answers every address alike ("look in your mailbox"), so that it does
    not tell a stranger who is enrolled: what differs is said in the mail.
    """
    now = now or timezone.now()
    email = normalise_email(email)
    if not track.accepts_enrolments(now):
        raise EnrolmentClosed(
            _("De inschrijvingen voor dit leertraject zijn gesloten.")
        )
    existing = track.enrolments.active().filter(email=email).first()
    if existing is not None and existing.status != EnrolmentStatus.PENDING:
        return _remind_enrolled(existing)
    fields = {
        "name": name.strip(),
        "organisation": organisation.strip(),
        "role": role,
        "needs": needs.strip(),
        "consented_at": now,
        "created_at": now,
        "language": languages.current(),
    }
    try:
        with transaction.atomic():
            enrolment = None
            if existing is not None:
                enrolment = (
                    Enrolment.objects.select_for_update().filter(pk=existing.pk).first()
                )
                if (
                    enrolment is not None
                    and enrolment.status != EnrolmentStatus.PENDING
                ):
                    raise IntegrityError("confirmed meanwhile")
            if enrolment is not None:
                for name_, value in fields.items():
                    setattr(enrolment, name_, value)
                enrolment.save()
            else:
                enrolment = Enrolment.objects.create(track=track, email=email, **fields)
            mail.send(
                "confirm_email",
                to=enrolment.email,
                context={
                    "enrolment": enrolment,
                    "track": track,
                    "confirm_url": mail.signed_url(
                        "enrolment_confirm",
                        Purpose.ENROLMENT_CONFIRM,
                        str(enrolment.public_id),
                    ),
                    "hours": CONFIRMATION_HOURS,
                },
                reply_to=track.contact_email,
            )
    except IntegrityError:
        # Another request with this address won: it mailed its own link, or the
        # enrolment was confirmed meanwhile and its links go out again.
        enrolment = track.enrolments.active().filter(email=email).first()
        if enrolment is not None and enrolment.status != EnrolmentStatus.PENDING:
            _remind_enrolled(enrolment)
    return enrolment


def _remind_enrolled(enrolment: Enrolment) -> Enrolment:
    """Mail an enrolled address the state of its enrolment and its links again."""
    with transaction.atomic():
        if enrolment.status == EnrolmentStatus.WAITING:
            _mail_waiting(enrolment, "already_enrolled")
        else:
            _mail_enrolment("already_enrolled", enrolment)
    return enrolment


def enrolment_confirm_email(
    *, enrolment: Enrolment, now: dt.datetime | None = None
) -> Enrolment:
    """The address is confirmed: a seat if one is free, else the waiting list.

    Confirming twice changes nothing.
    """
    with transaction.atomic():
        track = _lock_track(enrolment.track_id)
        enrolment = _lock_enrolment(enrolment.pk)
        enrolment.track = track
        if enrolment.status != EnrolmentStatus.PENDING and enrolment.is_active:
            return enrolment  # confirmed twice: nothing changes
        ENROLMENTS.check("confirm_email", enrolment.status)
        if track.is_finished:
            raise EnrolmentClosed(_("Dit leertraject is afgerond."))
        now = now or timezone.now()
        enrolment.email_confirmed_at = now
        if _has_room(track, enrolment):
            enrolment.status = EnrolmentStatus.CONFIRMED
            enrolment.save(update_fields=["status", "email_confirmed_at"])
            _change_seats(track, +1)
            audit_log(target=enrolment, action="learning_tracks.enrolment.confirmed")
            _mail_enrolment("enrolment_confirmed", enrolment)
        else:
            enrolment.status = EnrolmentStatus.WAITING
            enrolment.waitlisted_at = now
            enrolment.save(
                update_fields=["status", "email_confirmed_at", "waitlisted_at"]
            )
            audit_log(target=enrolment, action="learning_tracks.enrolment.waitlisted")
            _mail_waiting(enrolment)
    return enrolment


def enrolment_cancel(
    *, enrolment: Enrolment, actor=None, reason: str = "", now=None
) -> Enrolment:
    """Cancel; a freed seat goes to the first person waiting in the same transaction."""
    with transaction.atomic():
        track = _lock_track(enrolment.track_id)
        enrolment = _lock_enrolment(enrolment.pk)
        enrolment.track = track
        ENROLMENTS.check("cancel", enrolment.status, subject=enrolment)
        now = now or timezone.now()
        held_seat = enrolment.holds_seat
        enrolment.status = EnrolmentStatus.CANCELLED
        enrolment.cancelled_at = now
        enrolment.save(update_fields=["status", "cancelled_at"])
        audit_log(
            target=enrolment,
            action="learning_tracks.enrolment.cancelled",
            actor=actor,
            reason=reason,
        )
        _mail_enrolment("enrolment_cancelled", enrolment)
        if held_seat:
            _change_seats(track, -1)
            _fill_free_seats(track, now, actor=actor)
    return enrolment


def enrolment_accept_offer(*, enrolment: Enrolment, now=None) -> Enrolment:
    with transaction.atomic():
        track = _lock_track(enrolment.track_id)
        enrolment = _lock_enrolment(enrolment.pk)
        enrolment.track = track
        if enrolment.status == EnrolmentStatus.CONFIRMED:
            return enrolment
        ENROLMENTS.check("accept_offer", enrolment.status)
        now = now or timezone.now()
        if now >= enrolment.offer_expires_at:
            raise OfferExpired(
                _(
                    "De termijn van dit aanbod is verstreken; de plaats gaat naar de "
                    "volgende persoon op de wachtlijst."
                )
            )
        enrolment.status = EnrolmentStatus.CONFIRMED
        enrolment.save(update_fields=["status"])
        audit_log(target=enrolment, action="learning_tracks.enrolment.offer_accepted")
        _mail_enrolment("enrolment_confirmed", enrolment)
    return enrolment


def enrolment_move_to_confirmed(
    *, enrolment: Enrolment, actor, reason: str = "", now=None
) -> Enrolment:
    """The service confirms someone waiting or offered.

    When the track is full, one seat is added so that the chosen person (and not
    the first in line) gets it; the cap per municipality does not apply here.
    """
    with transaction.atomic():
        track = _lock_track(enrolment.track_id)
        enrolment = _lock_enrolment(enrolment.pk)
        enrolment.track = track
        if enrolment.status == EnrolmentStatus.CONFIRMED:
            return enrolment
        ENROLMENTS.check("move_to_confirmed", enrolment.status)
        if enrolment.status == EnrolmentStatus.WAITING:
            if track.seats_taken >= track.capacity:
                track.capacity = track.seats_taken + 1
                track.save(update_fields=["capacity", "updated_at"])
                audit_log(
                    target=track,
                    action="learning_tracks.track.capacity_raised",
                    actor=actor,
                    data={"capacity": track.capacity},
                )
            _change_seats(track, +1)
        enrolment.status = EnrolmentStatus.CONFIRMED
        enrolment.save(update_fields=["status"])
        audit_log(
            target=enrolment,
            action="learning_tracks.enrolment.moved_to_confirmed",
            actor=actor,
            reason=reason,
        )
        _mail_enrolment("enrolment_confirmed", enrolment)
    return enrolment


def enrolment_move_to_waiting(
    *, enrolment: Enrolment, actor, reason: str = "", now=None
) -> Enrolment:
    """The service puts a participant at the end of the waiting list; the freed
    seat is offered to the first other person waiting."""
    with transaction.atomic():
        track = _lock_track(enrolment.track_id)
        enrolment = _lock_enrolment(enrolment.pk)
        enrolment.track = track
        ENROLMENTS.check("move_to_waiting", enrolment.status)
        now = now or timezone.now()
        enrolment.status = EnrolmentStatus.WAITING
        enrolment.waitlisted_at = now
        enrolment.save(update_fields=["status", "waitlisted_at"])
        _change_seats(track, -1)
        audit_log(
            target=enrolment,
            action="learning_tracks.enrolment.moved_to_waiting",
            actor=actor,
            reason=reason,
        )
        _mail_waiting(enrolment, "moved_to_waiting")
        _fill_free_seats(track, now, actor=actor, skip=enrolment)
    return enrolment


def track_fill_free_seats(*, track: Track, actor=None, now=None) -> list[Enrolment]:
    """After the capacity went up: offer the new seats to the people waiting."""
    with transaction.atomic():
        track = _lock_track(track.pk)
        return _fill_free_seats(track, now or timezone.now(), actor=actor)


def track_check_capacity(*, track: Track, capacity: int) -> None:
    """A track never has fewer seats than are held: move people to the waiting
    list before lowering its capacity."""
    if track.pk and capacity < track.seats_taken:
        raise NotAllowed(
            _(
                "Er zijn al %(taken)s plaatsen ingenomen; verplaats eerst "
                "deelnemers naar de wachtlijst."
            )
            % {"taken": track.seats_taken},
            field="capacity",
        )


def track_create(*, track: Track, actor=None) -> Track:
    """A new track starts announced, with no seat taken."""
    with transaction.atomic():
        track.status = TrackStatus.ANNOUNCED
        track.seats_taken = 0
        track.completed_at = None
        track.save()
        audit_log(target=track, action="learning_tracks.track.created", actor=actor)
    return track


def track_update(*, track: Track, actor=None, now=None) -> list[Enrolment]:
    """Save the edited fields of a track (texts, dates, capacity, caps).

    The seat counter and the status are never taken from the caller: they are
    read with the row locked, so a concurrent enrolment is kept. New seats go to
    the people waiting at once; returns those offered one.
    """
    with transaction.atomic():
        current = _lock_track(track.pk)
        track.seats_taken = current.seats_taken
        track.status = current.status
        track.completed_at = current.completed_at
        track_check_capacity(track=track, capacity=track.capacity)
        track.save()
        if track.capacity == current.capacity:
            return []
        audit_log(
            target=track,
            action="learning_tracks.track.capacity_changed",
            actor=actor,
            data={"from": current.capacity, "to": track.capacity},
        )
        return _fill_free_seats(track, now or timezone.now(), actor=actor)


def offers_expire(*, now: dt.datetime | None = None) -> int:
    """Offers past their deadline lapse; each freed seat goes to the next person."""
    now = now or timezone.now()
    due = Enrolment.objects.filter(
        status=EnrolmentStatus.OFFERED, offer_expires_at__lte=now
    )
    count = 0
    for track_id in set(due.values_list("track_id", flat=True)):
        with transaction.atomic():
            track = _lock_track(track_id)
            for enrolment in due.filter(track=track).select_for_update():
                enrolment.track = track
                enrolment.status = EnrolmentStatus.EXPIRED
                enrolment.save(update_fields=["status"])
                _change_seats(track, -1)
                audit_log(
                    target=enrolment, action="learning_tracks.enrolment.offer_expired"
                )
                _mail_enrolment("offer_expired", enrolment)
                count += 1
            _fill_free_seats(track, now)
    return count


def pending_enrolments_expire(*, now: dt.datetime | None = None) -> int:
    """Enrolments never confirmed are deleted: the address may not even be theirs."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(hours=CONFIRMATION_HOURS)
    deleted, _counts = Enrolment.objects.filter(
        status=EnrolmentStatus.PENDING, created_at__lt=cutoff
    ).delete()
    return deleted


# --- track life cycle ------------------------------------------------------------


def track_change_status(
    *, track: Track, status: str, actor=None, now: dt.datetime | None = None
) -> Track:
    """Move a track one step forward, with what that step brings.

    Opening enrolment sends the interest list its one message. Completing the track
    ends the waiting list and mails certificate links to those who qualify.
    """
    with transaction.atomic():
        track = _lock_track(track.pk)
        TRACKS.step_to(status, track.status)
        now = now or timezone.now()
        previous = track.status
        track.status = status
        if status == TrackStatus.COMPLETED:
            track.completed_at = now
        track.save()
        audit_log(
            target=track,
            action="learning_tracks.track.status_changed",
            actor=actor,
            data={"from": previous, "to": status},
        )
        if status == TrackStatus.ENROLMENT_OPEN:
            _notify_interest_list(track, now)
        elif status == TrackStatus.COMPLETED:
            _close_waiting_list(track)
            _send_certificate_links(track)
    return track


def tracks_open_due(*, now: dt.datetime | None = None) -> int:
    """Announced tracks whose enrolment window has started open by themselves."""
    now = now or timezone.now()
    due = Track.objects.filter(
        status=TrackStatus.ANNOUNCED, enrolment_opens_at__lte=now
    ).filter(
        models.Q(enrolment_closes_at__isnull=True)
        | models.Q(enrolment_closes_at__gt=now)
    )
    count = 0
    for track in due:
        track_open_enrolment(track=track, now=now)
        count += 1
    return count


# One service per step of `learning_tracks.workflow.TRACKS`.


def track_open_enrolment(*, track: Track, actor=None, now=None) -> Track:
    return track_change_status(
        track=track, status=TrackStatus.ENROLMENT_OPEN, actor=actor, now=now
    )


def track_start(*, track: Track, actor=None) -> Track:
    return track_change_status(track=track, status=TrackStatus.RUNNING, actor=actor)


def track_complete(*, track: Track, actor=None) -> Track:
    return track_change_status(track=track, status=TrackStatus.COMPLETED, actor=actor)


def track_publish_lessons(*, track: Track, actor=None) -> Track:
    return track_change_status(
        track=track, status=TrackStatus.LESSONS_PUBLISHED, actor=actor
    )


def _notify_interest_list(track: Track, now: dt.datetime) -> None:
    interests = list(track.interests.filter(notified_at__isnull=True))
    for interest in interests:
        with translation.override(interest.language):
            mail.send(
                "enrolment_open",
                to=interest.email,
                context={
                    "track": track,
                    "track_url": mail.absolute_url(track.get_absolute_url()),
                },
                reply_to=track.contact_email,
            )
    Interest.objects.filter(pk__in=[i.pk for i in interests]).update(notified_at=now)


def _close_waiting_list(track: Track) -> None:
    """A completed track has no waiting list or open offers any more."""
    open_ones = track.enrolments.filter(
        status__in=[EnrolmentStatus.WAITING, EnrolmentStatus.OFFERED]
    )
    offered = open_ones.filter(status=EnrolmentStatus.OFFERED).count()
    open_ones.update(status=EnrolmentStatus.EXPIRED)
    if offered:
        _change_seats(track, -offered)
    track.enrolments.filter(status=EnrolmentStatus.PENDING).delete()


def _send_certificate_links(track: Track) -> None:
    for enrolment, certificate in selectors.certificates_for_track(track):
        if certificate.eligible:
            _mail_certificate(enrolment, certificate)


def _mail_certificate(enrolment: Enrolment, certificate) -> None:
    with translation.override(enrolment.language):
        track = enrolment.track
        mail.send(
            "certificate",
            to=enrolment.email,
            context={
                "enrolment": enrolment,
                "track": track,
                "certificate": certificate,
                "certificate_url": mail.signed_url(
                    "certificate", Purpose.CERTIFICATE, str(enrolment.public_id)
                ),
            },
            reply_to=track.contact_email,
        )


def certificate_resend(*, enrolment: Enrolment, actor) -> Enrolment:
    """Mail the certificate link again (a participant lost the first mail)."""
    if not selectors.certificate_available(enrolment):
        raise NotAllowed(
            _(
                "Geen attest: alleen wie bevestigd was, genoeg sessies bijwoonde en "
                "van een afgerond leertraject, krijgt er een."
            )
        )
    with transaction.atomic():
        audit_log(
            target=enrolment,
            action="learning_tracks.enrolment.certificate_resent",
            actor=actor,
        )
        _mail_certificate(enrolment, selectors.certificate_for(enrolment))
    return enrolment


def track_email_participants(
    *, track: Track, subject: str, body: str, include_waiting: bool, actor
) -> int:
    """A message from the service to everyone with a seat (and those waiting)."""
    statuses = list(SEAT_HOLDING_STATUSES)
    if include_waiting:
        statuses.append(EnrolmentStatus.WAITING)
    with transaction.atomic():
        recipients = list(
            track.enrolments.filter(
                status__in=statuses, anonymised_at__isnull=True
            ).select_related("track")
        )
        for enrolment in recipients:
            _mail_enrolment(
                "participants_message", enrolment, subject=subject, body=body
            )
        audit_log(
            target=track,
            action="learning_tracks.track.participants_emailed",
            actor=actor,
            reason=subject,
            data={"recipients": len(recipients), "include_waiting": include_waiting},
        )
    return len(recipients)


# --- reminders and attendance -------------------------------------------------------


def reminders_send(
    *, now: dt.datetime | None = None, hours: int = REMINDER_HOURS
) -> int:
    """Remind every participant of each session starting within `hours`.

    One SessionReminder row per participant and session (unique), written in the
    same transaction as the queued mail: running this twice sends nothing twice.
    """
    now = now or timezone.now()
    sessions = Session.objects.filter(
        is_cancelled=False,
        starts_at__gt=now,
        starts_at__lte=now + dt.timedelta(hours=hours),
        track__status__in=[TrackStatus.ENROLMENT_OPEN, TrackStatus.RUNNING],
    ).select_related("track")
    sent = 0
    for session in sessions:
        track = session.track
        attachment = _calendar_attachment(track, [session])
        participants = (
            track.enrolments.confirmed()
            .exclude(reminders__session=session)
            .select_related("track")
        )
        for enrolment in participants:
            with transaction.atomic():
                _reminder, created = SessionReminder.objects.get_or_create(
                    session=session, enrolment=enrolment
                )
                if not created:
                    continue
                with translation.override(enrolment.language):
                    mail.send(
                        "reminder",
                        to=enrolment.email,
                        context={
                            "enrolment": enrolment,
                            "track": track,
                            "session": session,
                            **_links(enrolment),
                        },
                        attachments=[attachment],
                        reply_to=track.contact_email,
                    )
                sent += 1
    return sent


def session_record_attendance(
    *, session: Session, enrolments: Iterable[Enrolment], actor
) -> dict:
    """Make the ticked participants the ones present at the session."""
    with transaction.atomic():
        wanted = {e.pk for e in enrolments}
        allowed = set(
            session.track.enrolments.confirmed()
            .filter(pk__in=wanted)
            .values_list("pk", flat=True)
        )
        if wanted - allowed:
            raise NotAllowed(
                _(
                    "Alleen ingeschreven deelnemers van dit traject kunnen aanwezig zijn."
                )
            )
        existing = set(session.attendances.values_list("enrolment_id", flat=True))
        added = wanted - existing
        removed = existing - wanted
        Attendance.objects.bulk_create(
            Attendance(session=session, enrolment_id=pk, recorded_by=actor)
            for pk in added
        )
        session.attendances.filter(enrolment_id__in=removed).delete()
        if added or removed:
            audit_log(
                target=session,
                action="learning_tracks.session.attendance_recorded",
                actor=actor,
                data={
                    "present": len(wanted),
                    "added": len(added),
                    "removed": len(removed),
                },
            )
    return {"present": len(wanted), "added": len(added), "removed": len(removed)}


# --- sessions and enrolment details edited by the service ---------------------------


def session_check_changeable(track: Track) -> None:
    """The sessions of a completed track are its record (attendance, certificates):
    they no longer change, nor are added or removed."""
    if track.status in (TrackStatus.COMPLETED, TrackStatus.LESSONS_PUBLISHED):
        raise NotAllowed(
            _("De sessies van een afgerond leertraject veranderen niet meer."),
            field="track",
        )


def session_save(*, session: Session, actor=None) -> Session:
    """Save a new or edited session; a session moved to another track needs
    both tracks open to changes."""
    with transaction.atomic():
        track_ids = {session.track_id}
        if session.pk:
            track_ids.add(
                Session.objects.values_list("track_id", flat=True).get(pk=session.pk)
            )
        for track_id in sorted(track_ids):
            session_check_changeable(_lock_track(track_id))
        created = session.pk is None
        session._history_user = actor  # type: ignore[attr-defined]  # read by simple_history
        session.save()
        audit_log(
            target=session.track,
            action="learning_tracks.session.created"
            if created
            else "learning_tracks.session.changed",
            actor=actor,
            data={"session": session.pk, "topic": session.topic},
        )
    return session


def session_delete(*, session: Session, actor=None) -> None:
    with transaction.atomic():
        track = _lock_track(session.track_id)
        session_check_changeable(track)
        data = {"session": session.pk, "topic": session.topic}
        session.delete()
        audit_log(
            target=track,
            action="learning_tracks.session.removed",
            actor=actor,
            data=data,
        )


def enrolment_check_organisation(*, enrolment: Enrolment, organisation: str) -> None:
    """A seat moved to another organisation keeps the track's cap per
    municipality (the same count as when seats are given)."""
    track = enrolment.track
    key = normalise_organisation(organisation)
    if (
        track.municipality_cap is None
        or enrolment.status not in SEAT_HOLDING_STATUSES
        or key == enrolment.organisation_key
    ):
        return
    if _seats_by_organisation(track)[key] >= track.municipality_cap:
        raise NotAllowed(
            _(
                "%(organisation)s heeft al %(cap)s plaats(en) in dit traject, het "
                "maximum per gemeente."
            )
            % {"organisation": organisation, "cap": track.municipality_cap},
            field="organisation",
        )


def enrolment_update(*, enrolment: Enrolment, actor=None) -> Enrolment:
    """Save the details the service corrected (name, organisation, role, needs)."""
    with transaction.atomic():
        _lock_track(enrolment.track_id)
        stored = _lock_enrolment(enrolment.pk)
        enrolment.status = stored.status  # the services alone move it
        enrolment.organisation_key = stored.organisation_key
        enrolment_check_organisation(
            enrolment=enrolment, organisation=enrolment.organisation
        )
        changed = [
            name
            for name in ("name", "organisation", "role", "needs")
            if getattr(stored, name) != getattr(enrolment, name)
        ]
        enrolment.save()
        if changed:
            audit_log(
                target=enrolment,
                action="learning_tracks.enrolment.changed",
                actor=actor,
                data={"fields": changed},
            )
    return enrolment


# --- privacy ------------------------------------------------------------------------


def participants_anonymise(
    *, now: dt.datetime | None = None, days: int | None = None
) -> int:
    """Blank the personal data of participants of tracks completed `days` ago.

    Rows, statuses and attendance stay, so the counts do too; the random public id
    is renewed, so links in old e-mails stop working. The interest list of such a
    track is deleted.
    """
    now = now or timezone.now()
    if days is None:
        days = settings.LEARNING_TRACKS_RETENTION_DAYS
    cutoff = now - dt.timedelta(days=days)
    total = 0
    for track in Track.objects.finished().filter(completed_at__lte=cutoff):
        with transaction.atomic():
            count = track.enrolments.filter(anonymised_at__isnull=True).update(
                name="",
                email="",
                organisation="",
                organisation_key="",
                needs="",
                anonymised_at=now,
                public_id=models.Func(
                    function="gen_random_uuid", output_field=models.UUIDField()
                ),
            )
            interests, _counts = track.interests.all().delete()
            if count or interests:
                audit_log(
                    target=track,
                    action="learning_tracks.track.participants_anonymised",
                    data={"enrolments": count, "interests": interests},
                )
            total += count
    return total


# --- interest list --------------------------------------------------------------------


def interest_request(*, track: Track, email: str) -> None:
    """Mail a link that puts the address on the interest list once clicked; an
    address already on it is told so by mail."""
    email = normalise_email(email)
    if track.status != TrackStatus.ANNOUNCED:
        raise NotAllowed(_("De interesselijst van dit leertraject is gesloten."))
    if track.interests.filter(email=email).exists():
        # Answered like any other address; only the mail says it is on the list.
        with transaction.atomic():
            mail.send(
                "interest_already",
                to=email,
                context={
                    "track": track,
                    "track_url": mail.absolute_url(track.get_absolute_url()),
                },
                reply_to=track.contact_email,
            )
        return
    with transaction.atomic():
        mail.send(
            "interest_confirm",
            to=email,
            context={
                "track": track,
                "confirm_url": mail.signed_url(
                    "interest_confirm",
                    Purpose.INTEREST_CONFIRM,
                    {"t": track.pk, "e": email},
                ),
            },
            reply_to=track.contact_email,
        )


def interest_confirm(*, track: Track, email: str) -> Interest:
    email = normalise_email(email)
    if track.status != TrackStatus.ANNOUNCED:
        raise NotAllowed(_("De interesselijst van dit leertraject is gesloten."))
    with transaction.atomic():
        interest, _created = Interest.objects.get_or_create(
            track=track, email=email, defaults={"language": languages.current()}
        )
    return interest


# --- newsletter -----------------------------------------------------------------------


def newsletter_subscription_request(*, email: str, themes: Iterable[Theme]) -> None:
    """Mail a link that subscribes the address to the themes once clicked.

    Nothing is stored before that click; for a reader already subscribed, the
    click replaces their themes, so nobody changes someone else's choice.
    """
    email = normalise_email(email)
    theme_list = sorted(themes, key=lambda t: (t.position, t.name))
    if not theme_list:
        raise NotAllowed(_("Kies minstens één thema."))
    with transaction.atomic():
        mail.send(
            "newsletter_confirm",
            to=email,
            context={
                "themes": theme_list,
                "confirm_url": mail.signed_url(
                    "newsletter_confirm",
                    Purpose.NEWSLETTER_CONFIRM,
                    {"e": email, "t": [t.pk for t in theme_list]},
                ),
            },
        )


def newsletter_subscription_confirm(
    *, email: str, theme_ids: Iterable[int]
) -> NewsletterSubscriber:
    email = normalise_email(email)
    themes = list(Theme.objects.filter(pk__in=list(theme_ids)))
    if not themes:
        raise NotAllowed(_("Deze thema's bestaan niet meer."))
    with transaction.atomic():
        # The language of the confirmation link, which is that of the form.
        subscriber, created = NewsletterSubscriber.objects.update_or_create(
            email=email, defaults={"language": languages.current()}
        )
        subscriber.themes.set(themes)
        audit_log(
            target=subscriber,
            action="learning_tracks.subscriber.subscribed"
            if created
            else "learning_tracks.subscriber.themes_changed",
            data={"themes": sorted(t.pk for t in themes)},
        )
    return subscriber


def newsletter_subscriber_set_themes(
    *, subscriber: NewsletterSubscriber, themes: Iterable[Theme], actor=None
) -> NewsletterSubscriber:
    """The themes of a subscriber: as the service corrects them in the back office,
    or as the subscriber chooses them through the link in every newsletter."""
    themes = list(themes)
    with transaction.atomic():
        subscriber.themes.set(themes)
        audit_log(
            target=subscriber,
            action="learning_tracks.subscriber.themes_changed",
            actor=actor,
            data={"themes": sorted(t.pk for t in themes)},
        )
    return subscriber


def newsletter_unsubscribe(*, subscriber: NewsletterSubscriber, actor=None) -> None:
    with transaction.atomic():
        audit_log(
            target=subscriber,
            action="learning_tracks.subscriber.unsubscribed",
            actor=actor,
        )
        subscriber.delete()


def newsletter_send(*, newsletter: Newsletter, actor, now=None) -> int:
    """Send once to every reader of one of its themes, each with an unsubscribe link."""
    with transaction.atomic():
        newsletter = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
        if newsletter.sent_at is not None:
            raise NotAllowed(_("Deze nieuwsbrief is al verstuurd."))
        themes = list(newsletter.themes.all())
        if not themes:
            raise NotAllowed(_("Kies minstens één thema voor deze nieuwsbrief."))
        readers = NewsletterSubscriber.objects.filter(themes__in=themes).distinct()
        # Account holders who turned newsletters off on their preferences page.
        refused = refusing(Optional.NEWSLETTERS)
        count = 0
        for reader in readers:
            if reader.email.lower() in refused:
                continue
            # Subject, text, footer and links in the reader's language; a text
            # not translated into it goes out in Dutch, saying so.
            with translation.override(reader.language):
                unsubscribe_url = mail.signed_url(
                    "newsletter_unsubscribe",
                    Purpose.NEWSLETTER_UNSUBSCRIBE,
                    str(reader.public_id),
                )
                mail.send(
                    "newsletter",
                    to=reader.email,
                    context={
                        "newsletter": newsletter,
                        "unsubscribe_url": unsubscribe_url,
                        "manage_url": mail.signed_url(
                            "newsletter_manage",
                            Purpose.NEWSLETTER_MANAGE,
                            str(reader.public_id),
                        ),
                    },
                    headers={
                        "List-Unsubscribe": f"<{unsubscribe_url}>",
                        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                    },
                )
            count += 1
        newsletter.sent_at = now or timezone.now()
        newsletter.sent_by = (
            actor if getattr(actor, "is_authenticated", False) else None
        )
        newsletter.recipient_count = count
        newsletter.save(update_fields=["sent_at", "sent_by", "recipient_count"])
        audit_log(
            target=newsletter,
            action="learning_tracks.newsletter.sent",
            actor=actor,
            data={"recipients": count},
        )
    return count
