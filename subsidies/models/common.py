"""What the models of every room share: how money is stored, and zero."""

from decimal import Decimal

MONEY = {"max_digits": 12, "decimal_places": 2}


ZERO = Decimal("0.00")
