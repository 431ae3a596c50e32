"""Charts drawn on the server as SVG: no script, no library, nothing from another host.

A chart is data plus geometry: the view builds a `BarChart`, `StackedBarChart` or
`StepChart`, `templates/includes/bar_chart.html` (or `stacked_bar_chart.html`,
`step_chart.html`) draws it, with its
title, a sentence that says what it shows and the same figures as a table, and a
link to them as CSV (`csv_rows()`). The SVG is hidden from screen readers: the
table beside it carries the same numbers. Colours are SVG presentation attributes
(`fill="#…"`), which the Content-Security-Policy allows (no `style` attribute).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

WIDTH = 640
BAR_SPACE = 520  # the longest bar; what is left holds its value
ROW_HEIGHT = 46
BAR_HEIGHT = 18
LABEL_BASELINE = 15
BAR_TOP = 21
DEFAULT_COLOUR = "#00566b"


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal | int
    colour: str = DEFAULT_COLOUR
    url: str = ""
    note: int | str = ""  # a second figure for the table, e.g. the number of files


@dataclass(frozen=True)
class DrawnBar:
    bar: Bar
    text: str
    label_y: int
    bar_y: int
    width: float
    value_x: float


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars, one per row, each labelled above its bar."""

    key: str
    title: str
    summary: str
    label_header: str
    value_header: str
    bars: Sequence[Bar]
    formatter: Callable[[Decimal | int], str] = str
    note_header: str = ""
    csv_url: str = ""
    template = "includes/bar_chart.html"

    @property
    def height(self) -> int:
        return max(len(self.bars), 1) * ROW_HEIGHT

    @property
    def view_box(self) -> str:
        return f"0 0 {WIDTH} {self.height}"

    @property
    def drawn(self) -> list[DrawnBar]:
        largest = max((bar.value for bar in self.bars), default=0) or 1
        rows = []
        for index, bar in enumerate(self.bars):
            top = index * ROW_HEIGHT
            width = round(float(bar.value) / float(largest) * BAR_SPACE, 1)
            rows.append(
                DrawnBar(
                    bar=bar,
                    text=self.formatter(bar.value),
                    label_y=top + LABEL_BASELINE,
                    bar_y=top + BAR_TOP,
                    width=max(width, 1.0) if bar.value else 0.0,
                    value_x=width + 6,
                )
            )
        return rows

    def csv_rows(self) -> tuple[list[str], list[list]]:
        headers = [self.label_header, self.value_header]
        if self.note_header:
            headers.append(self.note_header)
        rows = [
            [bar.label, bar.value, *([bar.note] if self.note_header else [])]
            for bar in self.bars
        ]
        return headers, rows


@dataclass(frozen=True)
class Segment:
    label: str
    value: Decimal
    colour: str


@dataclass(frozen=True)
class DrawnSegment:
    segment: Segment
    text: str
    x: float
    width: float


@dataclass(frozen=True)
class StackedBar:
    label: str
    segments: Sequence[Segment]
    url: str = ""
    warning: str = ""

    @property
    def total(self) -> Decimal:
        return sum((segment.value for segment in self.segments), Decimal(0))

    def drawn_segments(self, formatter=str) -> list["DrawnSegment"]:
        """The parts laid end to end over the chart's width."""
        total = self.total or Decimal(1)
        x = 0.0
        segments = []
        for segment in self.segments:
            width = round(float(segment.value / total) * WIDTH, 1)
            segments.append(
                DrawnSegment(
                    segment=segment, text=formatter(segment.value), x=x, width=width
                )
            )
            x += width
        return segments


@dataclass(frozen=True)
class DrawnStackedBar:
    bar: StackedBar
    label_y: int
    bar_y: int
    segments: list[DrawnSegment] = field(default_factory=list)


@dataclass(frozen=True)
class StackedBarChart:
    """One bar per row, split in parts that add up to its whole (an envelope:
    paid, committed, reserved, left); every bar has the same full length."""

    key: str
    title: str
    summary: str
    label_header: str
    bars: Sequence[StackedBar]
    legend: Sequence[Segment]  # the parts, in order, with their colour
    formatter: Callable[[Decimal | int], str] = str
    csv_url: str = ""
    template = "includes/stacked_bar_chart.html"

    @property
    def height(self) -> int:
        return max(len(self.bars), 1) * ROW_HEIGHT

    @property
    def view_box(self) -> str:
        return f"0 0 {WIDTH} {self.height}"

    @property
    def drawn(self) -> list[DrawnStackedBar]:
        rows = []
        for index, bar in enumerate(self.bars):
            top = index * ROW_HEIGHT
            segments = bar.drawn_segments(self.formatter)
            rows.append(
                DrawnStackedBar(
                    bar=bar,
                    label_y=top + LABEL_BASELINE,
                    bar_y=top + BAR_TOP,
                    segments=segments,
                )
            )
        return rows

    def csv_rows(self) -> tuple[list[str], list[list]]:
        headers = [self.label_header, *(part.label for part in self.legend)]
        rows = [
            [bar.label, *(segment.value for segment in bar.segments)]
            for bar in self.bars
        ]
        return headers, rows


# A step chart: amounts over periods (a burn-down) ----------------------------------

STEP_LEFT = 96  # room for the amounts on the vertical axis
STEP_TOP = 8
STEP_PLOT_HEIGHT = 160
STEP_HEIGHT = STEP_TOP + STEP_PLOT_HEIGHT + 26  # the periods below the plot


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[Decimal]
    colour: str = DEFAULT_COLOUR
    dashed: bool = False  # tells it apart where it runs over another line


@dataclass(frozen=True)
class DrawnSeries:
    series: Series
    path: str  # an SVG path: one level per period, steps between them


@dataclass(frozen=True)
class StepChart:
    """Amounts at the end of each period as steps, one line per series (what is
    left of an envelope, month by month). `url` is the list it summarises."""

    key: str
    title: str
    summary: str
    label_header: str
    periods: Sequence[str]
    series: Sequence[Series]
    period_marks: Sequence[str] = ()  # short labels under the steps (default: periods)
    formatter: Callable[[Decimal | int], str] = str
    url: str = ""
    link_text: str = ""
    template = "includes/step_chart.html"
    height = STEP_HEIGHT
    view_box = f"0 0 {WIDTH} {STEP_HEIGHT}"

    @property
    def top(self) -> Decimal:
        values = [value for series in self.series for value in series.values]
        return max([*values, Decimal(0)]) or Decimal(1)

    def _y(self, value: Decimal) -> float:
        share = float(max(value, Decimal(0))) / float(self.top)
        return round(STEP_TOP + STEP_PLOT_HEIGHT * (1 - share), 1)

    @property
    def step_width(self) -> float:
        return (WIDTH - STEP_LEFT) / max(len(self.periods), 1)

    @property
    def drawn(self) -> list[DrawnSeries]:
        drawn = []
        for series in self.series:
            parts = []
            for index, value in enumerate(series.values):
                x = round(STEP_LEFT + index * self.step_width, 1)
                end = round(x + self.step_width, 1)
                y = self._y(value)
                parts.append(f"M {x} {y}" if index == 0 else f"V {y}")
                parts.append(f"H {end}")
            drawn.append(DrawnSeries(series=series, path=" ".join(parts)))
        return drawn

    @property
    def axis(self) -> dict:
        """The geometry of the axes: the top and zero amounts at the left, each
        period's label under the middle of its step."""
        bottom = STEP_TOP + STEP_PLOT_HEIGHT
        return {
            "top_text": self.formatter(self.top),
            "top_y": STEP_TOP + 10,
            "zero_text": self.formatter(0),
            "bottom": bottom,
            "label_y": bottom + 18,
            "left": STEP_LEFT,
            "periods": [
                (label, round(STEP_LEFT + (index + 0.5) * self.step_width, 1))
                for index, label in enumerate(self.period_marks or self.periods)
            ],
        }

    @property
    def rows(self) -> list[tuple[str, list[str]]]:
        """The table: one row per period, one column per series."""
        return [
            (period, [self.formatter(series.values[index]) for series in self.series])
            for index, period in enumerate(self.periods)
        ]

    def csv_rows(self) -> tuple[list[str], list[list]]:
        headers = [self.label_header, *(series.label for series in self.series)]
        rows = [
            [period, *(series.values[index] for series in self.series)]
            for index, period in enumerate(self.periods)
        ]
        return headers, rows
