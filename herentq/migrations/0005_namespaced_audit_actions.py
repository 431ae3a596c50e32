"""Audit actions get one namespaced convention: `<app label>.<object>.<event>`."""

from django.db import migrations

# Frozen here: the codes as they were and as they are named now.
RENAMED = {
    "agenda_item_added": "council.meeting.agenda_item_added",
    "document_added": "council.meeting.document_added",
    "attendance_prepared": "council.meeting.attendance_prepared",
    "meeting_cancelled": "council.meeting.cancelled",
    "minutes_created": "council.minutes.created",
    "minutes_circulated": "council.minutes.circulated",
    "minutes_approval_scheduled": "council.minutes.approval_scheduled",
    "minutes_approved": "council.minutes.approved",
    "minutes_published": "council.minutes.published",
    "minutes_corrected": "council.minutes.corrected",
    "minutes_comment_added": "council.minutes.comment_added",
    "advice_recorded": "council.advice.recorded",
    "advice_amended": "council.advice.amended",
    "advice_edited": "council.advice.amended",
    "advice_followup_recorded": "council.advice.followup_recorded",
    "offered": "learning_tracks.enrolment.offered",
    "confirmed": "learning_tracks.enrolment.confirmed",
    "waitlisted": "learning_tracks.enrolment.waitlisted",
    "cancelled": "learning_tracks.enrolment.cancelled",
    "offer_accepted": "learning_tracks.enrolment.offer_accepted",
    "offer_expired": "learning_tracks.enrolment.offer_expired",
    "moved_to_confirmed": "learning_tracks.enrolment.moved_to_confirmed",
    "moved_to_waiting": "learning_tracks.enrolment.moved_to_waiting",
    "certificate_resent": "learning_tracks.enrolment.certificate_resent",
    "track_created": "learning_tracks.track.created",
    "capacity_changed": "learning_tracks.track.capacity_changed",
    "capacity_raised": "learning_tracks.track.capacity_raised",
    "status_changed": "learning_tracks.track.status_changed",
    "participants_emailed": "learning_tracks.track.participants_emailed",
    "participants_anonymised": "learning_tracks.track.participants_anonymised",
    "attendance_recorded": "learning_tracks.session.attendance_recorded",
    "newsletter_subscribed": "learning_tracks.subscriber.subscribed",
    "newsletter_themes_changed": "learning_tracks.subscriber.themes_changed",
    "newsletter_unsubscribed": "learning_tracks.subscriber.unsubscribed",
    "newsletter_sent": "learning_tracks.newsletter.sent",
    "subsidies.organisation_created": "subsidies.organisation.created",
    "subsidies.member_invited": "subsidies.organisation.member_invited",
    "subsidies.member_joined": "subsidies.organisation.member_joined",
    "subsidies.draft_created": "subsidies.application.draft_created",
    "subsidies.attachment_added": "subsidies.application.attachment_added",
    "subsidies.attachment_deleted": "subsidies.application.attachment_deleted",
    "subsidies.draft_deleted": "subsidies.application.draft_deleted",
    "subsidies.submitted": "subsidies.application.submitted",
    "subsidies.resubmitted": "subsidies.application.resubmitted",
    "subsidies.withdrawn": "subsidies.application.withdrawn",
    "subsidies.start_screening": "subsidies.application.start_screening",
    "subsidies.request_information": "subsidies.application.request_information",
    "subsidies.declare_inadmissible": "subsidies.application.declare_inadmissible",
    "subsidies.put_on_agenda": "subsidies.application.put_on_agenda",
    "subsidies.record_advice": "subsidies.application.record_advice",
    "subsidies.decide": "subsidies.application.decide",
    "subsidies.pay_advance": "subsidies.application.pay_advance",
    "subsidies.submit_report": "subsidies.application.submit_report",
    "subsidies.request_report_changes": "subsidies.application.request_report_changes",
    "subsidies.accept_report": "subsidies.application.accept_report",
    "subsidies.pay_balance": "subsidies.application.pay_balance",
    "subsidies.reclaim": "subsidies.application.reclaim",
    "subsidies.close": "subsidies.application.close",
    "subsidies.audit_bundle_downloaded": "subsidies.application.audit_bundle_downloaded",
    "partnership.published": "partnerships.partnership.published",
    "partnership.unpublished": "partnerships.partnership.unpublished",
    "partnership.photos_added": "partnerships.partnership.photos_added",
}


def rename(apps, schema_editor, mapping):
    AuditEntry = apps.get_model("herentq", "AuditEntry")
    for old, new in mapping.items():
        AuditEntry.objects.filter(action=old).update(action=new)


def forwards(apps, schema_editor):
    rename(apps, schema_editor, RENAMED)


def backwards(apps, schema_editor):
    # "advice_edited" and "advice_amended" became one action; both go back to the latter.
    reverse = {new: old for old, new in RENAMED.items() if old != "advice_edited"}
    rename(apps, schema_editor, reverse)


class Migration(migrations.Migration):
    dependencies = [("herentq", "0004_news_image_random_name")]

    operations = [migrations.RunPython(forwards, backwards, elidable=True)]
