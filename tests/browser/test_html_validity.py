"""The HTML check at the end of the browser tests (tests/browser/html_validity.py)
reports what vnu finds, so a clean run means valid pages, not a checker that did
not look."""

from tests.browser import html_validity

VALID = (
    '<!DOCTYPE html><html lang="nl"><head><title>Nieuwsbrief</title></head><body>'
    "<fieldset><legend>Thema's</legend>"
    '<input type="checkbox" id="id_themes_0" name="themes">'
    '<label for="id_themes_0">Klimaat</label></fieldset></body></html>'
)


def test_a_valid_page_passes(tmp_path):
    html_validity.save_markup(
        tmp_path, url="http://testserver/nieuwsbrief/", test="t", html=VALID
    )
    assert html_validity.check_saved(tmp_path) == (1, [])


def test_an_attribute_html_does_not_allow_fails_and_names_the_page(tmp_path):
    invalid = VALID.replace("<legend>", '<legend for="id_themes_0">')
    html_validity.save_markup(
        tmp_path,
        url="http://testserver/nieuwsbrief/",
        test="tests/browser/test_x.py::test_newsletter",
        html=invalid,
    )
    html_validity.save_markup(
        tmp_path, url="http://testserver/contact/", test="t", html=VALID
    )
    count, problems = html_validity.check_saved(tmp_path)
    assert count == 2
    [problem] = problems
    assert str(problem).startswith(
        "http://testserver/nieuwsbrief/ (tests/browser/test_x.py::test_newsletter)\n"
        "  line 1: error: Attribute “for” not allowed on element “legend” at this "
        "point.\n"
    )
    assert '<legend for="id_themes_0">' in problem.extract
