"""Rate limits and the login throttle count in Redis, shared by both app nodes: a
visitor who alternates between the nodes gets no more than one node's allowance."""

import random

import pytest

from tests.cluster.conftest import Browser, text_of, unique

pytestmark = pytest.mark.cluster


def test_the_21st_interest_sending_in_an_hour_is_refused_whichever_node(cluster):
    slug = unique("traject")
    cluster.shell(
        "from learning_tracks.constants import TrackStatus\n"
        "from tests.learning_tracks.factories import TrackFactory\n"
        f"TrackFactory(slug={slug!r}, number={random.randint(1_000, 30_000)},"
        " status=TrackStatus.ANNOUNCED)\n"
    )
    # One visitor (one address, as HAProxy reports it), 21 addresses typed in.
    visitor = Browser(
        client_address=f"203.0.113.{random.randint(1, 254)}", host=cluster.host
    )
    answers = []
    for number in range(21):
        node = "a" if number % 2 == 0 else "b"
        answers.append(
            visitor.post(
                f"{cluster.node_url(node)}/leertrajecten/{slug}/interesse/",
                {"email": f"persoon{number}@example.be"},
            )
        )
    assert [answer.status for answer in answers[:20]] == [302] * 20
    assert answers[20].status == 429
    assert "U hebt dit formulier het voorbije uur te vaak verstuurd" in text_of(
        answers[20].text
    )


def test_the_login_throttle_counts_failures_on_both_nodes(cluster):
    email = f"{unique('lid')}@example.be"
    cluster.shell(
        "from tests.factories import UserFactory\n"
        f"UserFactory(username={email!r}, email={email!r})\n"
    )
    visitor = Browser(
        client_address=f"198.51.100.{random.randint(1, 254)}", host=cluster.host
    )
    # Five wrong passwords, alternating nodes: no node saw five by itself.
    for number in range(5):
        node = "a" if number % 2 == 0 else "b"
        answer = visitor.post(
            f"{cluster.node_url(node)}/accounts/login/",
            {"login": email, "password": f"fout-{number}"},
        )
        assert answer.status == 200
        assert "Te veel inlogpogingen" not in answer.text
    # The sixth attempt, with the right password, on the node that saw only two.
    answer = visitor.post(
        f"{cluster.node_url('b')}/accounts/login/",
        {"login": email, "password": "correct-horse-9"},
    )
    assert "Te veel inlogpogingen. Probeer het later nogmaals." in text_of(answer.text)
    assert "sessionid" not in {cookie.name for cookie in visitor.cookies}
