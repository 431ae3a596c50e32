"""Which files under /media/ may be served: those of published content only.

Every app that stores public uploads says, through a ``public_uploads()`` method
on its AppConfig, which upload prefixes are its own and how to tell whether a
stored file belongs to something published (a selector built on the app's
``published()`` queryset). A file whose prefix nobody claims, or whose owner is
unpublished, is not served: unpublishing hides the files with the page.
"""

from collections.abc import Callable
from dataclasses import dataclass

from herentq.extensions import collect


@dataclass(frozen=True)
class PublicUpload:
    """Files stored under `prefix`; `is_public(name)` says whether one may be served."""

    prefix: str
    is_public: Callable[[str], bool]

    @classmethod
    def for_field(cls, model, field_name: str, is_public: Callable[[str], bool]):
        """The prefix of a field's `upload_to` (herentq.files.random_upload_name)."""
        prefix = model._meta.get_field(field_name).upload_to.prefix
        return cls(prefix=prefix.rstrip("/") + "/", is_public=is_public)


def public_uploads() -> list[PublicUpload]:
    return collect("public_uploads")


def is_public_file(name: str) -> bool:
    """True when the stored file `name` belongs to published content."""
    for upload in public_uploads():
        if name.startswith(upload.prefix):
            return upload.is_public(name)
    return False
