"""Every word a civil servant reads in the back office's frames is Dutch: the
column headers, filter titles, actions, field labels, fieldset and inline titles
and help texts of every changelist, add form and change form (the libraries'
models included), walked as a superuser over the demo data."""

import re
from html.parser import HTMLParser

import pytest
from allauth.account.models import EmailAddress, EmailConfirmation
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.core.files.base import ContentFile
from django.db import connection
from django.urls import NoReverseMatch, reverse
from post_office.models import STATUS, Attachment, Email, Log
from procrastinate.contrib.django.models import ProcrastinateJob

from council.models import MinutesComment, MinutesVersion

pytestmark = pytest.mark.django_db

# Words that only English uses, as they stand in Django's and the libraries'
# default labels ("Name", "Created", "Email address", "By status", "Last used").
# Words that are Dutch as well ("status", "type", "ID", "e-mail") are not here.
ENGLISH = [
    "name",
    "created",
    "updated",
    "modified",
    "email address",
    "date",
    "action",
    "active",
    "user",
    "users",
    "message",
    "subject",
    "priority",
    "verified",
    "primary",
    "description",
    "title",
    "attempts",
    "worker",
    "workers",
    "queue",
    "queueing lock",
    "lock",
    "task",
    "scheduled",
    "sending",
    "filename",
    "original",
    "event",
    "events",
    "job",
    "jobs",
    "periodic",
    "started",
    "finished",
    "last",
    "by",
    "select",
    "selected",
    "delete",
    "add",
    "change",
    "save",
    "search",
    "all",
    "yes",
    "no",
    "unknown",
    "from",
    "to",
    "template",
    "attachments",
    "log",
    "logs",
    "time",
    "args",
    "key",
    "confirmation",
    "authenticator",
    "authenticators",
]
GIVEAWAY = re.compile(r"\b(" + "|".join(map(re.escape, ENGLISH)) + r")\b", re.I)

# The elements whose text is a frame of the page (not a value from a row).
FRAME_TAGS = {"label", "legend", "caption", "summary", "h1", "h2", "h3"}


class FrameText(HTMLParser):
    """The texts of headers, labels, filters, actions and help of an admin page."""

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, bool]] = []
        self.texts: list[str] = []
        self.current: list[str] = []

    def _frame(self, tag: str, attrs: dict) -> bool:
        classes = (attrs.get("class") or "").split()
        if tag in FRAME_TAGS or "help" in classes:
            return True
        if tag == "th" and any(t == "thead" for t, _f in self.stack):
            return True
        # The action menu's options; a filter's title.
        if tag == "option" and any(t == "select" for t, _f in self.stack[-1:]):
            return self.in_action_select
        return False

    in_action_select = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self.in_action_select = attrs.get("name") == "action"
        if tag in {"br", "img", "input", "meta", "link", "hr"}:
            return
        frame = self._frame(tag, attrs)
        if frame and not any(f for _t, f in self.stack):
            self.current = []
        self.stack.append((tag, frame))

    def handle_endtag(self, tag):
        while self.stack:
            open_tag, frame = self.stack.pop()
            if frame and not any(f for _t, f in self.stack):
                text = " ".join("".join(self.current).split())
                if text:
                    self.texts.append(text)
            if open_tag == tag:
                break
        if tag == "select":
            self.in_action_select = False

    def handle_data(self, data):
        if any(f for _t, f in self.stack):
            self.current.append(data)


def frame_texts(html: str) -> list[str]:
    parser = FrameText()
    parser.feed(html)
    return parser.texts


@pytest.fixture
def every_model_has_a_row(demo_data, admin_user):
    """A row for the models the demo data leave empty, so that each change form
    is walked too."""
    job = ProcrastinateJob.objects.using("default")
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO procrastinate_jobs (queue_name, task_name, args, status) "
            "VALUES ('default', 'herentq.tasks.send_queued_mail', '{}', 'todo')"
        )
    assert job.exists()
    Authenticator.objects.create(
        user=admin_user, type=Authenticator.Type.RECOVERY_CODES, data={"seed": "x"}
    )
    address = EmailAddress.objects.create(
        user=admin_user, email=admin_user.email, verified=False, primary=True
    )
    EmailConfirmation.create(address).save()
    email = Email.objects.create(
        from_email="dienst@herent.be",
        to=["an@example.be"],
        subject="Test",
        message="Hallo",
        status=STATUS.sent,
    )
    Log.objects.create(email=email, status=STATUS.sent, message="")
    attachment = Attachment(name="brief.txt")
    attachment.file.save("brief.txt", ContentFile(b"Hallo"), save=True)
    attachment.emails.add(email)
    version = MinutesVersion.objects.select_related("minutes").first()
    MinutesComment.objects.create(
        minutes=version.minutes,
        version=version,
        author=admin_user,
        author_name="Lien Claes",
        text="Punt 3 klopt niet helemaal.",
    )


def admin_pages() -> list[str]:
    pages = [reverse("admin:index")]
    for model in admin.site._registry:
        opts = model._meta
        prefix = f"admin:{opts.app_label}_{opts.model_name}"
        for name in ("changelist", "add"):
            try:
                pages.append(reverse(f"{prefix}_{name}"))
            except NoReverseMatch:
                pass
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            pages.append(reverse(f"{prefix}_change", args=[first.pk]))
    return pages


def test_every_admin_page_frames_its_data_in_dutch(admin_client, every_model_has_a_row):
    empty = [
        model._meta.label
        for model in admin.site._registry
        if not model._default_manager.exists()
    ]
    assert empty == []
    english = {}
    visited = 0
    for url in admin_pages():
        response = admin_client.get(url)
        if response.status_code == 403:  # adding is switched off there
            continue
        assert response.status_code == 200, url
        visited += 1
        found = [
            text
            for text in frame_texts(response.content.decode())
            if GIVEAWAY.search(text)
        ]
        if found:
            english[url] = sorted(set(found))
    assert visited > 100
    assert english == {}, "\n".join(f"{url}: {texts}" for url, texts in english.items())


def test_the_walk_finds_english_where_it_stands():
    html = (
        "<table><thead><tr><th>Name</th><th>Naam</th></tr></thead>"
        "<tbody><tr><th>Created by a user</th></tr></tbody></table>"
        "<details><summary>By status</summary></details>"
        '<select name="action"><option>Delete selected jobs</option></select>'
        '<label for="x">Email address:</label><div class="help">Titel</div>'
    )
    assert [t for t in frame_texts(html) if GIVEAWAY.search(t)] == [
        "Name",
        "By status",
        "Delete selected jobs",
        "Email address:",
    ]
