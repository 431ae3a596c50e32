"""Which files under /media/ may be served: those of published content only.

Every app that stores public uploads says, through a ``public_uploads()`` method
on its AppConfig, which upload prefixes are its own and how to tell whether a
stored file belongs to something published (a selector built on the app's
``published()`` queryset). A file whose prefix nobody claims, or whose owner is
unpublished, is not served: unpublishing hides the files with the page. Those who
prepare the content (a view permission on the owning model, and the second factor
where it is required) still see them, uncached: the admin's previews.
"""

from collections.abc import Callable
from dataclasses import dataclass

from herentq.extensions import collect


@dataclass(frozen=True)
class PublicUpload:
    """Files stored under `prefix`; `is_public(name)` says whether one may be served.

    `preview_permission`: who may still see a file of unpublished content.
    """

    prefix: str
    is_public: Callable[[str], bool]
    preview_permission: str

    @classmethod
    def for_field(cls, model, field_name: str, is_public: Callable[[str], bool]):
        """The prefix of a field's `upload_to` (herentq.files.random_upload_name)."""
        prefix = model._meta.get_field(field_name).upload_to.prefix
        opts = model._meta
        return cls(
            prefix=prefix.rstrip("/") + "/",
            is_public=is_public,
            preview_permission=f"{opts.app_label}.view_{opts.model_name}",
        )


def public_uploads() -> list[PublicUpload]:
    return collect("public_uploads")


def upload_for(name: str) -> PublicUpload | None:
    """The kind of public upload a stored name is, if any."""
    for upload in public_uploads():
        if name.startswith(upload.prefix):
            return upload
    return None


def may_preview(request, upload: PublicUpload) -> bool:
    """Staff who manage the content see its files while it is unpublished."""
    from herentq import second_factor

    return request.user.has_perm(upload.preview_permission) and (
        second_factor.satisfied(request)
    )
