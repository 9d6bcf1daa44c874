"""The export rows and their cells: pure Python, tested without an app.

Each export is a header and a generator of tuples. The writers make every cell safe from formula
injection (OWASP "CSV injection"): a text cell that begins with =, +, -, @, a tab or a carriage
return gets a leading apostrophe, so that a spreadsheet shows it as text instead of running it.
Numbers, dates and empty cells are left alone: a negative amount stays a number.
"""

import csv
import io
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import ROUND_HALF_EVEN, Decimal

from flask_babel import lazy_gettext as _l
from openpyxl import Workbook

from tracker.benefits.calc import Calculation
from tracker.costs.rules import CostKind
from tracker.labels import LabelledEnum

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Control characters that XML 1.0, and therefore XLSX, cannot hold (tab, LF and CR it can).
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
CENT = Decimal("0.01")
XLSX_SHEET_ILLEGAL = re.compile(r"[\[\]:*?/\\]")  # not allowed in a sheet title

Cell = str | int | float | Decimal | date | datetime | None


def neutralise(value: Cell) -> Cell:
    """A text that a spreadsheet would read as a formula gets a leading apostrophe; any other
    value, numbers included, is returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_cell(value: Cell) -> str:
    """A cell as CSV text: numbers plainly with a decimal point, dates in ISO 8601."""
    value = neutralise(value)
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date | datetime):
        return value.isoformat(timespec="seconds") if isinstance(value, datetime) else str(value)
    return str(value)


def xlsx_cell(value: Cell) -> Cell:
    """A cell for openpyxl: numbers stay numbers (Decimal as float), text is neutralised and
    loses the control characters that XLSX cannot store."""
    value = neutralise(value)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, str):
        return XML_ILLEGAL.sub("", value)
    return value


def csv_lines(header: Iterable, rows: Iterable[tuple], delimiter: str) -> Iterator[bytes]:
    """UTF-8 CSV with a byte order mark (so that Excel reads å, ä and ö), a line at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    buffer.write("\ufeff")
    for row in _with_header(header, rows):
        writer.writerow([csv_cell(v) for v in row])
        yield buffer.getvalue().encode("utf-8")
        buffer.seek(0)
        buffer.truncate()


def _with_header(header: Iterable, rows: Iterable[tuple]) -> Iterator[tuple]:
    yield tuple(str(h) for h in header)
    yield from rows


def _label(member: LabelledEnum | None) -> str:
    return member.label if member is not None else ""


def _money(amount: Decimal) -> Decimal:
    """SEK to the öre: the calculation keeps full precision."""
    return amount.quantize(CENT, rounding=ROUND_HALF_EVEN) + 0


# The ideas

IDEA_HEADER = (
    _l("Id"),
    _l("Title"),
    _l("Stage"),
    _l("Unit"),
    _l("Category"),
    _l("Responsible"),
    _l("Submitter"),
    _l("Created"),
    _l("Priority score"),
    _l("Tags"),
)


def idea_rows(ideas: Iterable) -> Iterator[tuple]:
    """One row per idea, with its unit, category, people and tags loaded."""
    for idea in ideas:
        yield (
            idea.id,
            idea.title,
            idea.stage.label,
            idea.unit.name,
            idea.category.name if idea.category else "",
            idea.owner.display_name if idea.owner else "",
            idea.submitter.display_name if idea.submitter else "",
            idea.created_at,
            idea.priority_score,
            ", ".join(tag.name for tag in idea.tags),
        )


# The benefits and their measurements

BENEFIT_HEADER = (
    _l("Benefit id"),
    _l("Idea id"),
    _l("Idea"),
    _l("Benefit"),
    _l("Type"),
    _l("Indicator"),
    _l("Unit of measurement"),
    _l("Date"),
    _l("Value"),
    _l("Comment"),
    _l("Data source"),
    _l("Corrects measurement"),
    _l("Recorded by"),
)


def benefit_rows(rows: Iterable[tuple]) -> Iterator[tuple]:
    """One row per measurement; a benefit without measurements has one row with them empty.

    `rows` are (benefit id, idea id, idea title, benefit title, type, indicator, measure,
    measured on, value, comment, data source, corrects id, recorded by) as selected."""
    for benefit_id, idea_id, idea_title, title, kind, *rest in rows:
        yield (benefit_id, idea_id, idea_title, title, _label(kind), *rest)


# The costs

COST_HEADER = (
    _l("Idea id"),
    _l("Idea"),
    _l("Description"),
    _l("Kind"),
    _l("Category"),
    _l("First year"),
    _l("Last year"),
    _l("Planned (SEK)"),
    _l("Actual (SEK)"),
    _l("Paid by"),
)

COST_KINDS = {CostKind.ONE_OFF: _l("One-off"), CostKind.RUNNING: _l("Running")}


def cost_rows(rows: Iterable[tuple]) -> Iterator[tuple]:
    """One row per cost: (idea id, idea title, description, kind, category, year from, year to,
    planned, actual, paid by) as selected."""
    for idea_id, title, description, kind, category, *rest in rows:
        yield (idea_id, title, description, str(COST_KINDS[kind]), _label(category), *rest)


# The benefit calculation

CALCULATION_HEADER = (
    _l("Idea id"),
    _l("Idea"),
    _l("Year"),
    _l("Planned benefit (SEK)"),
    _l("Realised benefit (SEK)"),
    _l("Cash-releasing (SEK)"),
    _l("Non-cash (SEK)"),
    _l("Planned cost (SEK)"),
    _l("Actual cost (SEK)"),
    _l("Net (SEK)"),
)


def calculation_rows(calculations: Iterable[tuple[int, str, Calculation]]) -> Iterator[tuple]:
    """One row per idea and year of its calculation, in SEK to the öre."""
    for idea_id, title, calculation in calculations:
        for row in calculation.rows:
            yield (
                idea_id,
                title,
                row.year,
                _money(row.planned_benefit),
                _money(row.realised_benefit),
                _money(row.cash),
                _money(row.non_cash),
                _money(row.planned_cost),
                _money(row.actual_cost),
                _money(row.net),
            )


# The stage history

HISTORY_HEADER = (
    _l("Idea id"),
    _l("Idea"),
    _l("From"),
    _l("To"),
    _l("By"),
    _l("At"),
    _l("Reason"),
)


def history_rows(rows: Iterable[tuple]) -> Iterator[tuple]:
    """One row per stage change: (idea id, title, from, to, actor, at, reason) as selected; the
    time in ISO 8601 (UTC), as text, so that no spreadsheet shifts it."""
    for idea_id, title, from_stage, to_stage, actor, at, reason in rows:
        yield (
            idea_id,
            title,
            _label(from_stage),
            _label(to_stage),
            actor or "",
            at.isoformat(timespec="seconds"),
            reason,
        )


def write_xlsx(file, title: str, header: Iterable, rows: Iterable[tuple]) -> None:
    """An XLSX workbook of one sheet, written row by row by openpyxl's write-only mode."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=XLSX_SHEET_ILLEGAL.sub(" ", title)[:31] or "Export")
    sheet.append([xlsx_cell(str(h)) for h in header])
    for row in rows:
        sheet.append([xlsx_cell(v) for v in row])
    workbook.save(file)
