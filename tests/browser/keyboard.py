"""Filling in a form with the keyboard alone, as a person without a mouse does.

`walk_form(page, submit=...)` presses Tab from wherever the focus is, through the
whole form whose submit button has that text, and enters the wanted value in each
field it lands on: `page.keyboard.type` for text, Space for checkboxes, arrow keys
for radio groups and selects, Space on a file input (then the file chooser). It
fails, naming the field, when a control of the form is never reached, is reached
out of reading order, or shows no focus indicator. `submit_form` then goes back to
the button with Shift+Tab and presses Enter or Space. After an incomplete
submission, `follow_error_summary` checks that the error summary has the focus and
that Enter on its first link moves the focus to the field, and `assert_kept` that
what was entered is still there. No `click`, `fill`, `check` or `select_option`
anywhere: only key presses and the file chooser.
"""

import datetime as dt
import re
from dataclasses import dataclass

MAX_TABS = 400

# Describe elements as a keyboard user meets them (defined once per page).
_HELPERS = """
if (!window.__kbDescribe) {
  const text = (el) => (el.innerText || el.value || "").replace(/\\s+/g, " ").trim();
  window.__kbText = text;
  window.__kbLabel = (el) => {
    const label = el.labels && el.labels.length ? text(el.labels[0]) : "";
    const name = label || el.getAttribute("aria-label") || el.placeholder || text(el);
    return name.length > 80 ? name.slice(0, 77) + "..." : name;
  };
  window.__kbKey = (el) => {
    const tag = el.tagName.toLowerCase();
    const type = (el.type || "").toLowerCase();
    if (type === "radio") return `radio ${el.name}`;
    if (type === "checkbox") return `checkbox ${el.name}=${el.value}`;
    if (tag === "button" || type === "submit") {
      return `button ${el.name}=${el.value} "${text(el)}"`;
    }
    if (tag === "a") return `link "${text(el)}"`;
    return `${tag} ${el.name || el.id}`;
  };
  window.__kbDescribe = (el) => {
    if (!el || el === document.body || el === document.documentElement) {
      return null;
    }
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    const form = window.__kbForm;
    return {
      key: window.__kbKey(el),
      tag: el.tagName.toLowerCase(),
      type: (el.type || "").toLowerCase(),
      name: el.name || "",
      id: el.id,
      label: window.__kbLabel(el),
      value: el.value === undefined ? null : el.value,
      checked: !!el.checked,
      inForm: !!form && (form.contains(el) || el.form === form),
      isSubmit: el === window.__kbSubmit,
      isSummary: el.hasAttribute("data-error-summary"),
      outline: style.outlineStyle === "none" || parseFloat(style.outlineWidth) === 0
        || /^rgba\\(.*,\\s*0\\)$|^transparent$/.test(style.outlineColor)
        ? "none" : `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
      boxShadow: style.boxShadow,
      top: rect.top + window.scrollY,
      bottom: rect.bottom + window.scrollY,
      left: rect.left + window.scrollX,
      right: rect.right + window.scrollX,
    };
  };
}
"""

# Marks the form under test: the one whose (rendered) submit button has the text.
_MARK_FORM = (
    """(submit) => {"""
    + _HELPERS
    + """
  let buttons = [...document.querySelectorAll("button, input[type=submit]")]
    .filter((b) => b.type === "submit" && b.form && b.getClientRects().length
      && window.__kbText(b) === submit);
  // The header's site search has a "Zoeken" button on every page: a page's own
  // form of the same name is the one in <main>.
  if (buttons.length > 1) buttons = buttons.filter((b) => b.closest("main"));
  if (buttons.length !== 1) {
    return `${buttons.length} submit buttons with the text "${submit}"`;
  }
  window.__kbForm = buttons[0].form;
  window.__kbSubmit = buttons[0];
  return "";
}"""
)

# Every control of the form a keyboard user must reach, in document order.
_CONTROLS = """() => {
  const seen = new Set();
  const controls = [];
  for (const el of window.__kbForm.elements) {
    const type = (el.type || "").toLowerCase();
    if (type === "hidden" || el.disabled || el.tagName === "FIELDSET") continue;
    if (el.tagName === "OUTPUT" || el.tagName === "OBJECT") continue;
    if (!el.getClientRects().length) continue;
    if (getComputedStyle(el).visibility === "hidden") continue;
    const key = window.__kbKey(el);
    if (seen.has(key)) continue;
    seen.add(key);
    controls.push({key, label: window.__kbLabel(el)});
  }
  return controls;
}"""


_DESCRIBE_FOCUS = (
    "() => {" + _HELPERS + "return window.__kbDescribe(document.activeElement); }"
)


def describe_focus(page) -> dict | None:
    """The focused element (None for the page itself); a control's key is the
    same here and in the form's list of controls, so the two can be compared:
    one key per radio group (only one radio of a group is in the tab order)."""
    return page.evaluate(_DESCRIBE_FOCUS)


def _shadow_visible(shadow: str) -> bool:
    """A box-shadow with some colour that is not fully transparent and some
    length that is not zero."""
    if shadow == "none":
        return False
    colours = re.findall(r"rgba?\(([^)]*)\)", shadow)
    opaque = any(len(c.split(",")) < 4 or float(c.split(",")[3]) > 0 for c in colours)
    lengths = re.findall(r"(-?[\d.]+)px", shadow)
    return opaque and any(float(length) != 0 for length in lengths)


def has_focus_indicator(focused: dict) -> bool:
    return focused["outline"] != "none" or _shadow_visible(focused["boxShadow"])


def assert_focus_indicator(page, focused: dict):
    """An outline, or a box-shadow (looked at again once its transition, which
    Bootstrap runs on focus, is over)."""
    if not has_focus_indicator(focused):
        page.wait_for_timeout(300)
        focused = describe_focus(page) or focused
    assert has_focus_indicator(focused), (
        f"{page.url}: {focused['label']!r} ({focused['key']}) has the focus but no "
        "visible focus indicator (no outline, no visible box-shadow)"
    )


def install(page, submit: str):
    if not getattr(page, "_kb_file_chooser", False):
        # Playwright intercepts file choosers only while something listens, and
        # turns that on without waiting: listen from the start, so that the
        # chooser Space opens later can never slip through to the real dialog.
        page.on("filechooser", lambda chooser: None)
        page._kb_file_chooser = True
    problem = page.evaluate(_MARK_FORM, submit)
    assert not problem, f"{page.url}: {problem}"


# What to enter in a field ---------------------------------------------------------


@dataclass(frozen=True)
class Type:
    """Text typed into an input or textarea (what was there is selected and
    replaced; `Type("")` empties the field)."""

    text: str

    def enter(self, page, focused):
        if focused["value"]:
            page.keyboard.press("ControlOrMeta+a")
            page.keyboard.press("Backspace")
        if self.text:
            page.keyboard.type(self.text)
        value = page.evaluate("() => document.activeElement.value")
        assert value == self.text, (
            f"{focused['label']}: typed {self.text!r}, the field holds {value!r}"
        )

    def kept(self, shown) -> bool:
        return shown == self.text


_DATE_ORDERS: dict = {}


def _date_order(page) -> str:
    """The order in which this browser's date inputs take day, month and year:
    it follows the language of the browser itself, not the page's. Learnt once
    by typing into a date input on a blank page of the same browser."""
    browser = page.context.browser
    if browser not in _DATE_ORDERS:
        probe = page.context.new_page()
        probe.set_content("<input type=date>")
        probe.keyboard.press("Tab")
        probe.keyboard.type("01022000")
        value = probe.evaluate("() => document.querySelector('input').value")
        probe.close()
        orders = {"2000-02-01": "%d%m%Y", "2000-01-02": "%m%d%Y"}
        assert value in orders, f"unknown date input order: 01022000 gave {value!r}"
        _DATE_ORDERS[browser] = orders[value]
    return _DATE_ORDERS[browser]


@dataclass(frozen=True)
class Date:
    """A date typed into an <input type=date>, its parts in the order the
    browser shows them."""

    date: dt.date

    def enter(self, page, focused):
        assert focused["type"] == "date", f"{focused['label']}: not a date input"
        page.keyboard.type(self.date.strftime(_date_order(page)))
        value = page.evaluate("() => document.activeElement.value")
        assert value == self.date.isoformat(), (
            f"{focused['label']}: typed {self.date}, the field holds {value!r}"
        )

    def kept(self, shown) -> bool:
        return shown == self.date.isoformat()


@dataclass(frozen=True)
class Choose:
    """An option of a select (arrow keys; typing its first letters when it is
    far away) or a radio button of a group (arrow keys, Space on the first),
    named by its visible label."""

    label: str

    def enter(self, page, focused):
        if focused["tag"] == "select":
            self._select(page, focused)
        elif focused["type"] == "radio":
            self._radio(page, focused)
        else:
            raise AssertionError(f"{focused['label']}: Choose needs a select or radio")

    def _select(self, page, focused):
        state = page.evaluate(
            """(label) => {
              const el = document.activeElement;
              const options = [...el.options];
              return {
                current: el.selectedIndex,
                target: options.findIndex((o) => o.text.trim() === label),
                labels: options.map((o) => o.text.trim()),
              };
            }""",
            self.label,
        )
        assert state["target"] >= 0, (
            f"{focused['label']}: no option {self.label!r} in {state['labels']}"
        )
        if abs(state["target"] - state["current"]) > 15:
            page.keyboard.type(self.label)  # the select's type-ahead
            state["current"] = page.evaluate(
                "() => document.activeElement.selectedIndex"
            )
        distance = state["target"] - state["current"]
        for _ in range(abs(distance)):
            page.keyboard.press("ArrowDown" if distance > 0 else "ArrowUp")
        chosen = page.evaluate(
            "() => document.activeElement.selectedOptions[0]?.text.trim()"
        )
        assert chosen == self.label, (
            f"{focused['label']}: the arrow keys chose {chosen!r}, not {self.label!r}"
        )

    def _radio(self, page, focused):
        state = page.evaluate(
            """(label) => {
              const el = document.activeElement;
              const group = [...el.form.elements].filter(
                (r) => r.type === "radio" && r.name === el.name);
              return {
                focused: group.indexOf(el),
                checked: group.findIndex((r) => r.checked),
                target: group.findIndex((r) => window.__kbLabel(r) === label),
                count: group.length,
                labels: group.map((r) => window.__kbLabel(r)),
              };
            }""",
            self.label,
        )
        assert state["target"] >= 0, (
            f"{focused['name']}: no radio button {self.label!r} in {state['labels']}"
        )
        if state["checked"] < 0 and state["target"] == state["focused"]:
            page.keyboard.press("Space")
        else:
            for _ in range((state["target"] - state["focused"]) % state["count"]):
                page.keyboard.press("ArrowDown")
        now = describe_focus(page)
        assert now["checked"] and now["label"] == self.label, (
            f"{focused['name']}: the arrow keys checked {now['label']!r}, "
            f"not {self.label!r}"
        )

    def kept(self, shown) -> bool:
        return shown == self.label  # the selected option's or checked radio's


@dataclass(frozen=True)
class Check:
    """Checkboxes ticked with Space: the single checkbox of a field, or those of a
    group whose label is one of `labels`."""

    labels: tuple[str, ...] = ()

    def __init__(self, *labels):
        object.__setattr__(self, "labels", labels)

    def wants(self, focused) -> bool:
        return not self.labels or focused["label"] in self.labels

    def enter(self, page, focused):
        if focused["checked"] != self.wants(focused):
            page.keyboard.press("Space")
        checked = page.evaluate("() => document.activeElement.checked")
        assert checked == self.wants(focused), (
            f"{focused['label']}: Space did not toggle the checkbox"
        )

    def kept(self, shown) -> bool:  # the labels of the ticked boxes
        return sorted(shown) == sorted(self.labels) if self.labels else bool(shown)


@dataclass(frozen=True)
class Untick:
    """Every checkbox of the field left or made empty with Space."""

    def enter(self, page, focused):
        if focused["checked"]:
            page.keyboard.press("Space")
        checked = page.evaluate("() => document.activeElement.checked")
        assert not checked, f"{focused['label']}: Space did not untick the checkbox"

    def kept(self, shown) -> bool:
        return shown == []


@dataclass(frozen=True)
class Upload:
    """A file chosen through the file chooser that Space opens on the input."""

    name: str
    mime_type: str
    content: bytes

    def enter(self, page, focused):
        assert focused["type"] == "file", f"{focused['label']}: not a file input"
        with page.expect_file_chooser() as chooser:
            page.keyboard.press("Space")
        chooser.value.set_files(
            files=[
                {"name": self.name, "mimeType": self.mime_type, "buffer": self.content}
            ]
        )
        names = page.evaluate(
            "() => [...document.activeElement.files].map((f) => f.name)"
        )
        assert names == [self.name], f"{focused['label']}: the file was not chosen"

    def kept(self, shown) -> bool:
        return True  # no page can refill a file input: the server keeps good files


# The walk -------------------------------------------------------------------------


def walk_form(page, *, submit: str, values: dict) -> list[dict]:
    """Tab through the whole form, entering `values` (by field name) where the
    focus lands; returns the controls in the order they were reached.

    Fails with the field's label when a control is never reached, when one comes
    before a control it follows on the screen, or when one shows no focus
    indicator; also when a value could not be entered."""
    install(page, submit)
    controls = page.evaluate(_CONTROLS)
    reached: list[dict] = []
    reached_keys: set[str] = set()
    entered: set[str] = set()
    inside = False
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = describe_focus(page)
        if focused is None or not focused["inForm"]:
            if inside:
                break
            continue
        inside = True
        assert_focus_indicator(page, focused)
        if focused["key"] not in reached_keys:
            reached_keys.add(focused["key"])
            reached.append(focused)
        value = values.get(focused["name"])
        entry = focused["key"]
        if value is not None and entry not in entered and focused["tag"] != "button":
            value.enter(page, focused)
            entered.add(entry)
    else:
        raise AssertionError(f"{page.url}: {MAX_TABS} Tabs never left the form")
    assert inside, f"{page.url}: Tab never reached the form of {submit!r}"

    missing = [c for c in controls if c["key"] not in reached_keys]
    assert not missing, f"{page.url}: never reached with Tab: " + ", ".join(
        f"{c['label']!r} ({c['key']})" for c in missing
    )
    not_entered = [
        name
        for name in values
        if not any(k in entered for k in _keys_of(reached, name))
    ]
    assert not not_entered, f"{page.url}: no field reached for {not_entered}"
    _assert_reading_order(page, reached)
    return reached


def _keys_of(reached, name):
    return [c["key"] for c in reached if c["name"] == name]


def _assert_reading_order(page, reached):
    """Each control comes after the previous one on the screen: below it, or on
    the same line to its right (Dutch reads left to right, top to bottom)."""
    for before, after in zip(reached, reached[1:], strict=False):
        above = after["bottom"] <= before["top"]
        same_line = after["top"] < before["bottom"] and after["bottom"] > before["top"]
        left_of = same_line and after["right"] <= before["left"]
        assert not (above or left_of), (
            f"{page.url}: Tab goes from {before['label']!r} to {after['label']!r}, "
            "which is before it on the screen"
        )


def submit_form(page, *, key: str = "Enter"):
    """Shift+Tab back to the form's submit button, then press `key` on it and
    wait for the page that answers."""
    for _ in range(60):
        focused = describe_focus(page)
        if focused is not None and focused["isSubmit"]:
            break
        page.keyboard.press("Shift+Tab")
    else:
        raise AssertionError(f"{page.url}: Shift+Tab never reached the submit button")
    assert_focus_indicator(page, focused)
    with page.expect_navigation():
        page.keyboard.press(key)
    page.wait_for_load_state()


# After an incomplete submission ----------------------------------------------------


def follow_error_summary(page, *, submit: str, first_error: str):
    """The error summary has the focus; Tab reaches its first link, and Enter on
    the link moves the focus to the field (named `first_error`), also when the
    field is on another page."""
    install(page, submit)
    focused = describe_focus(page)
    where = repr(focused["label"]) if focused else "the page itself"
    assert focused is not None and focused["isSummary"], (
        f"{page.url}: after the incomplete submission the focus is on {where}, "
        "not on the error summary"
    )
    assert_focus_indicator(page, focused)
    page.keyboard.press("Tab")
    link = describe_focus(page)
    in_summary = page.evaluate(
        "() => document.activeElement.closest('[data-error-summary]') !== null"
    )
    assert link is not None and link["tag"] == "a" and in_summary, (
        f"{page.url}: Tab from the error summary went to "
        f"{link and link['label']!r}, not to a link in it"
    )
    other_page = page.evaluate(
        "() => document.activeElement.href.split('#')[0] !== location.href.split('#')[0]"
    )
    if other_page:
        with page.expect_navigation():
            page.keyboard.press("Enter")
    else:
        page.keyboard.press("Enter")
    target = describe_focus(page)
    where = repr(target["label"]) if target else "the page itself"
    assert target is not None and target["name"] == first_error, (
        f"{page.url}: the summary's link {link['label']!r} moved the focus to "
        f"{where}, not to the field {first_error!r}"
    )
    assert_focus_indicator(page, target)


# The value a field shows: the text, the selected option's or checked radio's
# label, or the labels of the ticked checkboxes.
_SHOWN = """(name) => {
  const els = [...window.__kbForm.elements].filter((el) => el.name === name);
  const el = els[0];
  if (!el) return null;
  if (el.type === "radio") {
    const checked = els.find((r) => r.checked);
    return checked ? window.__kbLabel(checked) : "";
  }
  if (el.type === "checkbox") {
    return els.filter((c) => c.checked).map((c) => window.__kbLabel(c));
  }
  if (el.tagName === "SELECT") return el.selectedOptions[0]?.text.trim() ?? "";
  return el.value;
}"""


def assert_kept(page, values: dict):
    """What was entered before the incomplete submission is still in the form
    (call after `install` on the page that answered)."""
    lost = []
    for name, value in values.items():
        shown = page.evaluate(_SHOWN, name)
        if not value.kept(shown):
            lost.append(f"{name}: {value} became {shown!r}")
    assert not lost, f"{page.url}: lost after the error: " + "; ".join(lost)
