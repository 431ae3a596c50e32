"""Council members onboard themselves: the secretariat invites from the member's
record, the member signs in (or signs up) with the invited address and accepts;
access ends with the term."""

import datetime as dt
import re
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from council.models import CouncilMember
from herentq.constants import COUNCIL_MEMBERS_GROUP
from tests.admin_post import change_form_data
from tests.conftest import deliver_mail
from tests.council.factories import CouncilMemberFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:council_councilmember_changelist")


def invitation_link(message) -> str:
    return re.search(r"http://\S+/grosh/uitnodiging/\S+/", message.body).group(0)


def invite(client, *members):
    return client.post(
        CHANGELIST,
        {"action": "invite", "_selected_action": [m.pk for m in members]},
        follow=True,
    )


def test_the_secretariat_invites_in_bulk_and_sees_who_accepted(
    secretariat_client, council
):
    client = Client()
    ann = CouncilMemberFactory(
        council=council, email="ann@example.be", first_name="Ann"
    )
    bert = CouncilMemberFactory(council=council, email="bert@example.be")
    nameless = CouncilMemberFactory(council=council, email="", last_name="Zonderadres")
    page = invite(secretariat_client, ann, bert, nameless).content.decode()
    assert "2 uitnodiging(en) verstuurd." in page
    assert "Vul eerst het e-mailadres van dit lid in" in page
    sent = {message.to[0]: message for message in deliver_mail()}
    assert set(sent) == {"ann@example.be", "bert@example.be"}
    assert "Beste Ann" in sent["ann@example.be"].body
    # Every mail ends with the link to the mail preferences.
    assert "/e-mailvoorkeuren/" in sent["ann@example.be"].body

    # Ann signs up with another address first: refused at the invitation.
    link = invitation_link(sent["ann@example.be"])
    path = link.removeprefix("http://127.0.0.1:8000")
    other = UserFactory(email="ann.privé@example.be")
    client.force_login(other)
    refused = client.post(path)
    assert refused.status_code == 400
    assert "Deze uitnodiging is voor ann@example.be" in refused.content.decode()

    ann_account = UserFactory(email="ANN@example.be")
    client.force_login(ann_account)
    assert "Uitnodiging aanvaarden" in client.get(path).content.decode()
    response = client.post(path, follow=True)
    assert response.redirect_chain[-1][0] == reverse("council:members_index")
    assert "Welkom in de ledenzone" in response.content.decode()
    assert ann_account.groups.filter(name=COUNCIL_MEMBERS_GROUP).exists()
    # Used once.
    assert "niet meer geldig" in client.get(path).content.decode()

    listing = secretariat_client.get(CHANGELIST, {"uitnodiging": "accepted"})
    rows = listing.content.decode()
    assert ann.last_name in rows and "aanvaard (" in rows
    assert bert.last_name not in rows
    pending = secretariat_client.get(CHANGELIST, {"uitnodiging": "pending"})
    assert bert.last_name in pending.content.decode()


def test_an_anonymous_visitor_is_offered_to_sign_in_or_up(secretariat_client, council):
    client = Client()
    member = CouncilMemberFactory(council=council, email="nieuw@example.be")
    invite(secretariat_client, member)
    path = invitation_link(deliver_mail()[-1]).removeprefix("http://127.0.0.1:8000")
    page = client.get(path).content.decode()
    assert "Account maken" in page and "Aanmelden" in page
    assert "nieuw@example.be" in page
    assert client.post(path)["Location"].startswith(reverse("account_login"))
    assert (
        "Deze uitnodigingslink is ongeldig"
        in client.get(path[:-4] + "xyz/").content.decode()
    )


def test_resending_from_the_record_replaces_the_link(secretariat_client, council):
    client = Client()
    member = CouncilMemberFactory(council=council, email="lid2@example.be")
    invite(secretariat_client, member)
    first = invitation_link(deliver_mail()[-1])
    url = reverse("admin:council_councilmember_change", args=[member.pk])
    data = change_form_data(secretariat_client, url)
    response = secretariat_client.post(url, {**data, "_invite": "1"}, follow=True)
    assert "1 uitnodiging(en) verstuurd." in response.content.decode()
    second = invitation_link(deliver_mail()[-1])
    assert first != second
    client.force_login(UserFactory(email="lid2@example.be"))
    old = client.get(first.removeprefix("http://127.0.0.1:8000")).content.decode()
    assert "er is een nieuwere verstuurd" in old
    assert client.post(second.removeprefix("http://127.0.0.1:8000")).status_code == 302


def test_access_ends_with_the_term(client, council):
    group = Group.objects.get(name=COUNCIL_MEMBERS_GROUP)
    user = UserFactory(email="vertrokken@example.be")
    user.groups.add(group)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    member = CouncilMemberFactory(council=council, user=user, term_end=yesterday)
    staying = UserFactory(email="blijft@example.be")
    staying.groups.add(group)
    CouncilMemberFactory(council=council, user=staying)
    client.force_login(user)
    assert client.get(reverse("council:members_index")).status_code == 200

    call_command("end_council_access")

    assert client.get(reverse("council:members_index")).status_code == 403
    member.refresh_from_db()
    assert member.invitation_status == "ended"
    assert staying.groups.filter(pk=group.pk).exists()
    first_end = member.access_ended_at
    call_command("end_council_access")
    assert CouncilMember.objects.get(pk=member.pk).access_ended_at == first_end
    # An ended term gets no new invitation.
    from council import services

    with pytest.raises(services.CouncilError, match="afgelopen"):
        services.member_invite(member=member)


def test_make_dev_prints_a_council_members_credentials(settings, demo_data):
    settings.DEBUG = True
    out = StringIO()
    call_command("ensure_dev_admin", stdout=out)
    call_command("ensure_dev_admin", stdout=out)  # again: nothing breaks
    assert "GROSH member: http://127.0.0.1:8000/grosh/leden/" in out.getvalue()
    assert "password: herentq-lid" in out.getvalue()
    member = CouncilMember.objects.get(first_name="Lien", last_name="Claes")
    assert member.user.email == member.email
    assert member.user.groups.filter(name=COUNCIL_MEMBERS_GROUP).exists()
