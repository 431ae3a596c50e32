"""Amounts and percentages the Belgian-Dutch way: € 2.500 or € 2.500,50; 50 %."""

from decimal import Decimal

NBSP = "\u00a0"


def format_eur(amount) -> str:
    if amount is None:
        return ""
    amount = Decimal(amount).quantize(Decimal("0.01"))
    number = abs(amount)
    text = (
        f"{number:,.0f}" if number == number.to_integral_value() else f"{number:,.2f}"
    )
    text = text.replace(",", " ").replace(".", ",").replace(" ", ".")
    sign = "-" if amount < 0 else ""
    return f"{sign}€{NBSP}{text}"


def format_percent(value) -> str:
    value = Decimal(value).normalize()
    text = f"{value:f}".replace(".", ",")
    return f"{text}{NBSP}%"
