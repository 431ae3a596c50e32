"""Tests with the uploads in object storage: a real `rclone serve s3` per run."""

import pytest

from tests.s3_server import S3Server
from tests.subsidies.conftest import (  # noqa: F401 (fixtures)
    applicant,
    applicant_client,
    call,
    draft,
    envelope,
    organisation,
    outsider,
    outsider_client,
    scheme,
)


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory):
    server = S3Server(tmp_path_factory.mktemp("s3"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def object_storage(settings, s3_server):
    """The uploads of this test in the server's two buckets (STORAGES)."""
    settings.STORAGES = {**settings.STORAGES, **s3_server.storages()}
    return s3_server
