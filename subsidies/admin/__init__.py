"""The back office of the subsidies service, one module per room:

- `organisations`: organisations with their members and invitations;
- `schemes`: schemes, calls and budget envelopes;
- `applications`: the files, their transitions, messages, exports and actions;
- `filters`: the filters of the applications list;
- `common`: what the rooms share (the stylesheet, a read-only inline).

Django's autodiscovery imports this package; importing the rooms registers them.
"""

from subsidies.admin.applications import (
    EXPORT_HEADERS,
    ApplicationAdmin,
    export_rows,
)
from subsidies.admin.organisations import OrganisationAdmin
from subsidies.admin.schemes import BudgetEnvelopeAdmin, CallAdmin, SchemeAdmin

__all__ = [
    "EXPORT_HEADERS",
    "ApplicationAdmin",
    "BudgetEnvelopeAdmin",
    "CallAdmin",
    "OrganisationAdmin",
    "SchemeAdmin",
    "export_rows",
]
