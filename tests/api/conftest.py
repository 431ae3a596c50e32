# The council's meeting with a public and a closed item, its advice and published
# minutes (tests/council/conftest.py), for the API's JSON-LD of the GROSH.
from tests.council.conftest import council, member, published, scenario  # noqa: F401
