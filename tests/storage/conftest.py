"""Tests with the uploads in object storage (fixtures `s3_server` and
`object_storage` in tests/conftest.py): the subsidy fixtures they share."""

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
