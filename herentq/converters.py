"""Path converters that let only well-formed values reach the views.

Django's `int` takes any number of digits and `str` any character but "/": a
year of 999999 made `date()` raise, one of 20 digits overflowed, and a NUL byte
(which PostgreSQL refuses in text) reached the database. Values these converters
refuse make the URL not match: a 404, as for any unknown address.
"""

from django.urls import register_converter


class YearConverter:
    """A year the register can have: four digits, 1000 to 2999."""

    regex = "[12][0-9]{3}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return f"{int(value):04d}"


class TokenConverter:
    """A signed token or a reference: printable, no "/", no control characters."""

    regex = r"[^/\x00-\x1f\x7f]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)


register_converter(YearConverter, "year")
register_converter(TokenConverter, "token")
