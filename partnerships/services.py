"""Writes of the partnerships app: publishing, photos and the search index."""

import contextlib
import contextvars
import uuid
from collections.abc import Iterable, Iterator

from django.contrib.postgres.search import SearchVector
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max, Value
from django.utils import translation
from django.utils.translation import gettext as _

from herentq.audit import audit_log
from herentq.search import SEARCH_CONFIG, SearchText
from partnerships.constants import DATA_VERSION_KEY, AuditAction
from partnerships.images import make_renditions, validate_photo
from partnerships.models import Partnership, Photo, PhotoAlbum


class PartnershipError(Exception):
    """A rule of the partnerships domain would be broken."""


def partnership_publish(*, partnership: Partnership, actor=None) -> Partnership:
    with transaction.atomic():
        partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
        if partnership.is_published:
            raise PartnershipError(
                _("'%(title)s' is al gepubliceerd.") % {"title": partnership.title}
            )
        if not partnership.places.exists():
            raise PartnershipError(
                _(
                    "'%(title)s' heeft nog geen partnerplaats: voeg er een toe "
                    "voor u publiceert."
                )
                % {"title": partnership.title}
            )
        partnership.is_published = True
        partnership.save(update_fields=["is_published", "updated_at"])
        audit_log(target=partnership, action=AuditAction.PUBLISHED, actor=actor)
    return partnership


def partnership_unpublish(
    *, partnership: Partnership, actor=None, reason: str = ""
) -> Partnership:
    with transaction.atomic():
        partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
        if not partnership.is_published:
            raise PartnershipError(
                _("'%(title)s' is niet gepubliceerd.") % {"title": partnership.title}
            )
        partnership.is_published = False
        partnership.save(update_fields=["is_published", "updated_at"])
        audit_log(
            target=partnership,
            action=AuditAction.UNPUBLISHED,
            actor=actor,
            reason=reason,
        )
    return partnership


def _text(*parts: str) -> Value:
    return Value(
        " ".join(part for part in parts if part), output_field=models.TextField()
    )


# While `refreshes_held()` runs: the partnerships whose search documents wait for
# their refresh, and whether the data version waits for its change.
_held: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "partnerships_refreshes_held", default=None
)


@contextlib.contextmanager
def refreshes_held() -> Iterator[None]:
    """Save many rows of the same partnerships with one search refresh each and one
    change of the data version, made when the block ends (not if it raises).

    Every save of a partnership, place, organisation or agreement refreshes its
    partnership's search document and changes the data version (partnerships.signals);
    code that builds a partnership piece by piece wraps it in this block.
    """
    if _held.get() is not None:
        yield
        return
    held: dict = {"partnerships": set(), "data_changed": False}
    token = _held.set(held)
    try:
        yield
    finally:
        _held.reset(token)
    for partnership_id in sorted(held["partnerships"]):
        partnership_refresh_search(partnership_id=partnership_id)
    if held["data_changed"]:
        data_changed()


def data_changed() -> None:
    """A published fact may have changed: what is built from all partnerships
    (the open-data files, the list's cards) is built again on its next read.
    The version lives in the database cache, so it changes with the transaction
    that changed the data."""
    held = _held.get()
    if held is not None:
        held["data_changed"] = True
        return
    caches["database"].set(DATA_VERSION_KEY, uuid.uuid4().hex, None)


def partnership_refresh_search(*, partnership_id: int) -> None:
    """Rebuild the stored search documents from the partnership and its places:
    the full-text vector and the normalised text of the forgiving match.

    Weights: names (A), places' areas, countries, summary and organisations (B),
    the body, domains and agreement summaries (C); the French and English columns where
    they are filled in. The "herentq_dutch"
    configuration stems Dutch words and drops accents, so "Coban" finds "Cobán".
    """
    held = _held.get()
    if held is not None:
        held["partnerships"].add(partnership_id)
        return
    partnership = (
        Partnership.objects.filter(pk=partnership_id)
        .select_related("local_authority")
        .prefetch_related("places", "organisations", "domains", "agreements")
        .first()
    )
    if partnership is None:
        return
    places = list(partnership.places.all())
    with translation.override("nl-be"):
        names = _text(
            partnership.title,
            partnership.local_authority.name,
            *(place.name for place in places),
            *(place.other_names for place in places),
        )
        context = _text(
            *(place.area for place in places),
            *(str(place.country.name) for place in places),
            partnership.summary,
            *(organisation.name for organisation in partnership.organisations.all()),
        )
        details = _text(
            partnership.body,
            *(domain.name for domain in partnership.domains.all()),
            *(
                agreement.get_kind_display()
                for agreement in partnership.agreements.all()
            ),
            *(agreement.summary for agreement in partnership.agreements.all()),
        )
    # The French and English texts and country names too, where they differ from
    # the Dutch: a visitor searches in their language ("Tangier", "Roumanie").
    agreements = list(partnership.agreements.all())
    dutch_countries = {str(place.country.name) for place in places}
    for language in ("fr", "en"):
        names = _text(names.value, getattr(partnership, f"title_{language}") or "")
        with translation.override(language):
            countries = {str(place.country.name) for place in places}
        context = _text(
            context.value,
            *sorted(countries - dutch_countries),
            getattr(partnership, f"summary_{language}") or "",
        )
        details = _text(
            details.value,
            getattr(partnership, f"body_{language}") or "",
            *(
                getattr(agreement, f"summary_{language}") or ""
                for agreement in agreements
            ),
        )
    vector = (
        SearchVector(names, weight="A", config=SEARCH_CONFIG)
        + SearchVector(context, weight="B", config=SEARCH_CONFIG)
        + SearchVector(details, weight="C", config=SEARCH_CONFIG)
    )
    Partnership.objects.filter(pk=partnership_id).update(
        search_vector=vector,
        search_text=SearchText(_text(names.value, context.value, details.value)),
    )


def photos_add(
    *,
    album: PhotoAlbum,
    uploads: Iterable,
    alt_text: str,
    caption: str = "",
    credit: str = "",
    actor=None,
) -> list[Photo]:
    """Store uploaded photos re-encoded, with their renditions, at the album's end.

    Every file is checked before any is stored: one refused file stores none.
    """
    uploads = list(uploads)
    alt_text = alt_text.strip()
    if not alt_text:
        raise ValidationError(
            _("Geef een alternatieve tekst: wat er op de foto's te zien is."),
            code="alt_text_required",
        )
    if not uploads:
        raise ValidationError(_("Kies minstens één foto."), code="no_files")
    errors = []
    for upload in uploads:
        try:
            validate_photo(upload)
        except ValidationError as error:
            errors.extend(error.error_list)
    if errors:
        raise ValidationError(errors)

    stored: list[Photo] = []
    try:
        with transaction.atomic():
            album = PhotoAlbum.objects.select_for_update().get(pk=album.pk)
            position = album.photos.aggregate(last=Max("position"))["last"] or 0
            for upload in uploads:
                renditions = make_renditions(upload)
                position += 1
                photo = Photo(
                    album=album,
                    alt_text=alt_text,
                    caption=caption.strip(),
                    credit=credit.strip(),
                    position=position,
                )
                stored.append(photo)
                for field, rendition in renditions.items():
                    getattr(photo, field).save(
                        "photo.jpg", rendition.content, save=False
                    )
                    setattr(photo, f"{field}_width", rendition.width)
                    setattr(photo, f"{field}_height", rendition.height)
                photo.save()
            audit_log(
                target=album.partnership,
                action=AuditAction.PHOTOS_ADDED,
                actor=actor,
                data={"album": album.pk, "photos": [photo.pk for photo in stored]},
            )
    except Exception:
        for photo in stored:
            photo_delete_files(photo=photo)
        raise
    return stored


def album_create(
    *,
    album: PhotoAlbum,
    uploads: Iterable = (),
    alt_text: str = "",
    caption: str = "",
    credit: str = "",
    actor=None,
) -> PhotoAlbum:
    """Store a new album and its photos (if any) in one transaction: a refused
    photo stores neither the album nor any photo."""
    uploads = list(uploads)
    with transaction.atomic():
        album.save()
        if uploads:
            photos_add(
                album=album,
                uploads=uploads,
                alt_text=alt_text,
                caption=caption,
                credit=credit,
                actor=actor,
            )
    return album


def photo_delete_files(*, photo: Photo) -> None:
    for field in ("image", "medium", "thumbnail"):
        fieldfile = getattr(photo, field)
        if fieldfile.name:
            fieldfile.storage.delete(fieldfile.name)
