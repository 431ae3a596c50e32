"""Amounts and percentages in the page's language, the Belgian way for Dutch and
French and the English way for English: € 2.500,50 · 2 500,50 € · €2,500.50;
50 % · 50 % · 50%."""

from decimal import Decimal

from django.utils.translation import get_language

NBSP = "\u00a0"


def format_eur(amount) -> str:
    if amount is None:
        return ""
    amount = Decimal(amount).quantize(Decimal("0.01"))
    number = abs(amount)
    text = (
        f"{number:,.0f}" if number == number.to_integral_value() else f"{number:,.2f}"
    )
    sign = "-" if amount < 0 else ""
    language = get_language() or ""
    if language.startswith("en"):
        return f"{sign}€{text}"
    if language.startswith("fr"):
        text = text.replace(",", NBSP).replace(".", ",")
        return f"{sign}{text}{NBSP}€"
    text = text.replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{sign}€{NBSP}{text}"


def format_percent(value) -> str:
    value = Decimal(value).normalize()
    if (get_language() or "").startswith("en"):
        return f"{value:f}%"
    text = f"{value:f}".replace(".", ",")
    return f"{text}{NBSP}%"
