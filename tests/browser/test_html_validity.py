"""The HTML check at the end of the browser tests (tests/browser/html_validity.py)
reports what vnu finds, so a clean run means valid pages, not a checker that did
not look."""

from tests.browser import html_validity

# Valid, with one warning of a kind the check accepts (a named list).
VALID = (
    '<!DOCTYPE html><html lang="nl"><head><title>Nieuwsbrief</title></head><body>'
    "<fieldset><legend>Thema's</legend>"
    '<input type="checkbox" id="id_themes_0" name="themes">'
    '<label for="id_themes_0">Klimaat</label></fieldset>'
    '<ul aria-label="SDG\'s"><li>Klimaatactie</li></ul></body></html>'
)


def test_a_valid_page_passes(tmp_path):
    html_validity.save_markup(
        tmp_path, url="http://testserver/nieuwsbrief/", test="t", html=VALID
    )
    assert html_validity.check_saved(tmp_path) == (1, [])


def test_errors_and_unlisted_warnings_fail_and_name_the_page(tmp_path):
    html_validity.save_markup(
        tmp_path,
        url="http://testserver/nieuwsbrief/",
        test="tests/browser/test_x.py::test_newsletter",
        html=VALID.replace("<legend>", '<legend for="id_themes_0">'),
    )
    html_validity.save_markup(
        tmp_path,
        url="http://testserver/contact/",
        test="t",
        html=VALID.replace("</fieldset>", "</fieldset><h2></h2>"),
    )
    html_validity.save_markup(tmp_path, url="http://testserver/", test="t", html=VALID)
    count, problems = html_validity.check_saved(tmp_path)
    assert count == 3
    reports = sorted(str(problem) for problem in problems)
    assert len(reports) == 2
    assert reports[0].startswith(
        "http://testserver/contact/ (t)\n  line 1: warning: Empty heading.\n"
    )
    assert reports[1].startswith(
        "http://testserver/nieuwsbrief/ (tests/browser/test_x.py::test_newsletter)\n"
        "  line 1: error: Attribute “for” not allowed on element “legend” at this "
        "point.\n"
    )
    assert '<legend for="id_themes_0">' in reports[1]
