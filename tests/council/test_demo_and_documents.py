import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management import call_command

from council.constants import DOCUMENT_MAX_BYTES, MeetingStatus, MinutesStatus
from council.models import Advice, CouncilMember, Meeting, Minutes
from council.validators import validate_document

pytestmark = pytest.mark.django_db


def test_demo_has_members_meetings_minutes_in_every_state_and_followed_advice(
    demo_data,
):
    assert CouncilMember.objects.count() == 8
    assert Meeting.objects.filter(status=MeetingStatus.HELD).count() == 6
    assert Meeting.objects.filter(status=MeetingStatus.PLANNED).count() == 2
    states = set(Minutes.objects.values_list("status", flat=True))
    assert states == set(MinutesStatus.values)
    assert Advice.objects.exclude(followup_status="").count() >= 3
    corrected = Minutes.objects.get(published_version__kind="correction")
    assert corrected.published_version.reason


def test_demo_data_loaded_twice_adds_no_rows_and_no_history(demo_data):
    counts = {
        "minutes": Minutes.history.count(),
        "advice": Advice.history.count(),
        "meetings": Meeting.history.count(),
        "versions": sum(m.versions.count() for m in Minutes.objects.all()),
    }
    call_command("load_demo_data", verbosity=0)
    assert counts == {
        "minutes": Minutes.history.count(),
        "advice": Advice.history.count(),
        "meetings": Meeting.history.count(),
        "versions": sum(m.versions.count() for m in Minutes.objects.all()),
    }


def _ooxml(main: str = "wordprocessingml.document") -> bytes:
    """A minimal Office Open XML file: its kind is the main part's content type."""
    content_type = f"application/vnd.openxmlformats-officedocument.{main}.main+xml"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<Types><Override PartName="/main.xml" ContentType="{content_type}"/>'
            "</Types>",
        )
        archive.writestr("main.xml", "<document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("agenda.pdf", b"%PDF-1.7\n%%EOF"),
        ("nota.docx", _ooxml()),
        ("begroting.xlsx", _ooxml("spreadsheetml.sheet")),
        ("oud.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 32),
    ],
)
def test_pdf_and_office_documents_are_accepted(name, content):
    validate_document(ContentFile(content, name))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("agenda.pdf", b"MZ\x90\x00 an executable"),
        ("nota.docx", b"PK\x03\x04 not really a zip"),
        ("archief.docx", b""),
        ("script.html", b"%PDF-1.7 <script>"),
        ("oud.doc", b"%PDF-1.7"),
    ],
)
def test_files_whose_content_does_not_match_are_refused(name, content):
    with pytest.raises(ValidationError):
        validate_document(ContentFile(content, name))


def test_a_plain_zip_named_docx_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.exe", "MZ")
    with pytest.raises(ValidationError):
        validate_document(ContentFile(buffer.getvalue(), "nota.docx"))


def test_documents_larger_than_20_mb_are_refused():
    content = b"%PDF-1.7\n" + b"0" * DOCUMENT_MAX_BYTES
    with pytest.raises(ValidationError, match="te groot"):
        validate_document(ContentFile(content, "groot.pdf"))
