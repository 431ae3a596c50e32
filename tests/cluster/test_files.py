"""Uploads in object storage: what one node stores, the other serves — the nodes'
own directories stay empty (nothing is shared on disk)."""

import io
import json
import random
import re
from pathlib import Path

import pytest
from PIL import Image

from tests.cluster.conftest import MAKE_SESSION, Browser
from tests.subsidies.factories import PDF_BYTES

pytestmark = pytest.mark.cluster


def _files_under(directory: Path) -> list[Path]:
    return [path for path in directory.rglob("*") if path.is_file()]


def _jpeg(size) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 120, 60)).save(buffer, format="JPEG")
    return buffer.getvalue()


def _node_media(cluster) -> list[Path]:
    return [
        path
        for node in ("a", "b")
        for path in _files_under(cluster.directory / f"node-{node}" / "media")
    ]


def test_a_photo_uploaded_through_node_a_is_shown_with_its_renditions_by_node_b(
    cluster,
):
    suffix = random.randint(1, 10**9)
    made = json.loads(
        cluster.shell(
            MAKE_SESSION + "import json\n"
            "from django.contrib.auth.models import Group\n"
            "from herentq.constants import SERVICE_GROUP\n"
            "from tests.factories import UserFactory\n"
            "from tests.partnerships.factories import PartnerPlaceFactory,"
            " PhotoAlbumFactory\n"
            f"user = UserFactory(username='dienst{suffix}', is_staff=True)\n"
            "user.groups.add(Group.objects.get(name=SERVICE_GROUP))\n"
            f"album = PhotoAlbumFactory(partnership__slug='stad-{suffix}')\n"
            "PartnerPlaceFactory(partnership=album.partnership)\n"
            "from django.urls import reverse\n"
            "print(json.dumps({'page': album.partnership.get_absolute_url(), 'upload':"
            " reverse('admin:partnerships_photoalbum_upload', args=[album.pk]),"
            " 'session': session_for(user)}))\n"
        )
    )
    service = Browser()
    service.log_in(made["session"])
    answer = service.post(
        f"{cluster.node_url('a')}{made['upload']}",
        {"alt_text": "Leerlingen voor de school"},
        files={"photos": [("school.jpg", _jpeg((3000, 2000)), "image/jpeg")]},
    )
    assert answer.status == 302, answer.text[:2000]

    visitor = Browser()
    page = visitor.get(f"{cluster.node_url('b')}{made['page']}")
    assert page.status == 200
    shown = sorted(set(re.findall(r'/media/[^"\s]+\.jpg', page.text)))
    assert shown, "the partnership's page shows the photo"
    widths = set()
    for url in shown:
        image = visitor.get(f"{cluster.node_url('b')}{url}")
        assert image.status == 200
        assert image.headers["content-type"] == "image/jpeg"
        with Image.open(io.BytesIO(image.content)) as decoded:
            widths.add(decoded.width)
    assert widths & {400, 1200}  # renditions, made by node A, served by node B
    # Stored in the public bucket, on neither node's disk.
    assert _node_media(cluster) == []
    stored = _files_under(cluster.directory / "s3" / "buckets" / "herentq-public")
    assert any(path.name.endswith(".jpg") for path in stored)


def test_a_private_attachment_uploaded_through_a_is_handed_out_by_b_to_those_allowed(
    cluster,
):
    suffix = random.randint(1, 10**9)
    made = json.loads(
        cluster.shell(
            MAKE_SESSION + "import json\n"
            "from django.contrib.auth.models import Group\n"
            "from herentq.constants import SERVICE_GROUP\n"
            "from tests.factories import UserFactory\n"
            "from tests.subsidies.factories import ApplicationFactory, CallFactory,"
            " EnvelopeFactory, OrganisationFactory, SchemeFactory, verified_user\n"
            f"applicant = verified_user(email='an{suffix}@vereniging.be',"
            f" username='an{suffix}')\n"
            f"outsider = verified_user(email='bert{suffix}@andere.be',"
            f" username='bert{suffix}')\n"
            "OrganisationFactory(members=[outsider])\n"
            f"staff = UserFactory(username='dienst-b{suffix}', is_staff=True)\n"
            "staff.groups.add(Group.objects.get(name=SERVICE_GROUP))\n"
            "scheme = SchemeFactory()\n"
            "call = CallFactory(scheme=scheme)\n"
            "EnvelopeFactory(scheme=scheme, year=call.year)\n"
            "draft = ApplicationFactory(call=call,"
            " organisation=OrganisationFactory(members=[applicant]),"
            " created_by=applicant)\n"
            "from django.urls import reverse\n"
            "print(json.dumps({'draft': draft.pk, 'step': reverse("
            "'subsidies:application_step', args=[draft.pk, 'bijlagen']),"
            " 'sessions': [session_for(u) for u in (applicant, outsider, staff)]}))\n"
        )
    )
    content = PDF_BYTES
    applicant = Browser()
    applicant_session, outsider_session, staff_session = made["sessions"]
    applicant.log_in(applicant_session)
    answer = applicant.post(
        f"{cluster.node_url('a')}{made['step']}",
        {"action": "save"},
        files={"file_other": [("offerte.pdf", content, "application/pdf")]},
    )
    assert answer.status in (200, 302), answer.text[:2000]
    url = json.loads(
        cluster.shell(
            "import json\n"
            "from subsidies.models import Attachment\n"
            f"attachment = Attachment.objects.get(application_id={made['draft']})\n"
            "from django.urls import reverse\n"
            "print(json.dumps([attachment.get_absolute_url(), reverse("
            "'admin:subsidies_application_attachment', args=[attachment.application_id,"
            " attachment.pk]), attachment.file.name]))\n"
        )
    )
    download, admin_url, name = url
    node_b = cluster.node_url("b")

    answer = applicant.get(f"{node_b}{download}")
    assert answer.status == 200
    assert answer.content == content
    assert answer.headers["content-type"] == "application/pdf"

    service = Browser()
    service.log_in(staff_session)
    admin = service.get(f"{node_b}{admin_url}")
    assert admin.status == 200
    assert admin.content == content

    outsider = Browser()
    outsider.log_in(outsider_session)
    assert outsider.get(f"{node_b}{download}").status == 404
    anonymous = Browser()
    answer = anonymous.get(f"{node_b}{download}")
    assert answer.status == 302
    assert "/accounts/login/" in answer.headers["location"]
    assert anonymous.get(f"{node_b}/media/{name}").status == 404
    assert _node_media(cluster) == []
