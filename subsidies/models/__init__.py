"""The subsidies app's models, one module per room:

- `organisations`: organisations, their members and invitations;
- `schemes`: schemes, their calls, budget envelopes and the reference counter;
- `applications`: the files and their budget lines, messages, attachments and
  information requests;
- `payments`: advances, balances and reclaims;
- `common`: the money field settings and zero they share.

Everything is importable from `subsidies.models`, as before the split.
"""

from subsidies.models.applications import (
    Application,
    ApplicationQuerySet,
    Attachment,
    BudgetLine,
    InformationRequest,
    Message,
)
from subsidies.models.common import MONEY, ZERO
from subsidies.models.organisations import (
    Invitation,
    InvitationQuerySet,
    Membership,
    Organisation,
    OrganisationQuerySet,
)
from subsidies.models.payments import Payment, paid_total_for
from subsidies.models.schemes import (
    AttachmentRequirement,
    BudgetEnvelope,
    Call,
    CallQuerySet,
    ReferenceCounter,
    Scheme,
    SchemeQuerySet,
)

__all__ = [
    "MONEY",
    "ZERO",
    "Application",
    "ApplicationQuerySet",
    "Attachment",
    "AttachmentRequirement",
    "BudgetEnvelope",
    "BudgetLine",
    "Call",
    "CallQuerySet",
    "InformationRequest",
    "Invitation",
    "InvitationQuerySet",
    "Membership",
    "Message",
    "Organisation",
    "OrganisationQuerySet",
    "Payment",
    "ReferenceCounter",
    "Scheme",
    "SchemeQuerySet",
    "paid_total_for",
]
