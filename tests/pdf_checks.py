"""What every PDF of the portal must be: tagged PDF/UA with its language and title,
its text extractable in reading order (herentq/pdf.py)."""

from io import BytesIO

from pypdf import PdfReader


def assert_accessible_pdf(
    content: bytes, *, title: str, in_order: list[str], lang: str = "nl"
) -> str:
    """Check the PDF (in the language `lang`) and return its text."""
    reader = PdfReader(BytesIO(content))
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])  # tagged
    assert "/StructTreeRoot" in catalog
    assert str(catalog["/Lang"]).startswith(lang)
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    assert title in reader.metadata.title
    text = "\n".join(page.extract_text() for page in reader.pages)
    positions = [text.find(part) for part in in_order]
    assert -1 not in positions, (in_order, text)
    assert positions == sorted(positions), text
    return text
