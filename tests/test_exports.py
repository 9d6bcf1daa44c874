"""Exports: formula neutralisation, every export in CSV and XLSX, the filters, roles and
organisations."""

import csv
import dataclasses
import functools
import io
import re
from datetime import date, timedelta
from decimal import Decimal

import openpyxl
import pytest

from tests.benefit_factories import idea_with_benefit, measure, plan_benefit
from tests.factories import make_idea
from tracker.benefits import calculation, services
from tracker.costs import services as cost_services
from tracker.costs.rules import CostCategory, CostKind
from tracker.exports import queries, rows
from tracker.extensions import db
from tracker.ideas import services as idea_services

TODAY = date.today()
FORMULA = '=HYPERLINK("http://example.org/x","Klicka")'

# ---------------------------------------------------------------- neutralisation (pure)


@pytest.mark.parametrize(
    "text",
    ["=1+1", "+46701234567", "-2", "@SUM(A1:A2)", "\tx", "\r=1+1", FORMULA],
)
def test_a_text_that_could_be_a_formula_gets_a_leading_apostrophe(text):
    assert rows.neutralise(text) == "'" + text
    assert rows.csv_cell(text) == "'" + text
    assert rows.xlsx_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["", "Hemtjänsten", "a=b", "12", " =1", "'=1"])
def test_an_ordinary_text_is_left_as_it_is(text):
    assert rows.neutralise(text) == text


@pytest.mark.parametrize("number", [Decimal("-2.50"), -2, -2.5, Decimal("-0.01")])
def test_a_negative_number_stays_a_number(number):
    assert rows.neutralise(number) == number
    assert isinstance(rows.xlsx_cell(number), int | float)
    assert rows.xlsx_cell(number) == float(number)
    assert rows.csv_cell(number) == str(number)


def test_csv_cells_write_numbers_with_a_point_dates_in_iso_and_none_as_empty():
    assert rows.csv_cell(Decimal("1200.5")) == "1200.5"
    assert rows.csv_cell(date(2026, 11, 25)) == "2026-11-25"
    assert rows.csv_cell(None) == ""


def test_xlsx_drops_control_characters_that_the_format_cannot_hold():
    assert rows.xlsx_cell("a\x00b\x1fc\td") == "a" + "bc\td"


def test_csv_lines_begin_with_a_byte_order_mark_and_quote_what_needs_it():
    data = b"".join(rows.csv_lines(["Id", "Title"], [(1, "a;b"), (2, "=1+1")], ";"))
    text = data.decode("utf-8")
    assert text.startswith("\ufeffId;Title\r\n")
    assert list(csv.reader(io.StringIO(text[1:]), delimiter=";")) == [
        ["Id", "Title"],
        ["1", "a;b"],
        ["2", "'=1+1"],
    ]


def test_an_xlsx_keeps_numbers_numeric_and_formulas_as_text():
    file = io.BytesIO()
    rows.write_xlsx(file, "Costs: 2026/27", ["Text", "Amount"], [("=1+1", Decimal("-2.5"))])
    sheet = openpyxl.load_workbook(io.BytesIO(file.getvalue())).active
    assert sheet.title == "Costs  2026 27"
    assert sheet["A2"].value == "'=1+1"
    assert sheet["A2"].data_type == "s"
    assert sheet["B2"].value == -2.5
    assert sheet["B2"].data_type == "n"


# ---------------------------------------------------------------- the exports over HTTP


@pytest.fixture
def client(client):
    """English pages; a streamed body is read inside the request's isolated context (as a WSGI
    server does), not after the test client has left it."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.open = functools.partial(client.open, buffered=True)
    return client


@pytest.fixture
def data(world):
    """Org a: a submitted idea with a formula for a title and tags, an idea in rollout with a
    measured benefit (a correction among the measurements), an unmeasured one and a cost.
    Org b: an idea with a benefit, a measurement and a cost, all named "Munkedal"."""
    a, b = world.a, world.b
    formula = make_idea(a.employee, a.home_care, title=FORMULA, category_id=a.category.id)
    idea_services.set_tags(formula, ["Äldreomsorg", "E-tjänst"])
    db.session.commit()
    idea, measured = idea_with_benefit(a)
    first = services.record_measurement(
        measured,
        a.employee,
        services.MeasurementInput(
            on=TODAY - timedelta(days=20), value=Decimal(18), comment="@SUM(1)", data_source="-x"
        ),
    )
    db.session.commit()
    correction = measure(measured, a.employee, "17.5", TODAY - timedelta(days=20), first.id)
    unmeasured = plan_benefit(idea, a.manager, owner=a.employee, title="Färre telefonsamtal")
    cost = cost_services.CostInput(
        description="+Licens för e-tjänsten",
        kind=CostKind.RUNNING,
        category=CostCategory.LICENCE,
        year_from=TODAY.year,
        year_to=TODAY.year + 1,
        planned=Decimal("24000.50"),
        paid_by_id=a.social.id,
    )
    cost_services.save_cost(idea, a.manager, cost)
    other, other_benefit = idea_with_benefit(b, title="Munkedal nytta")
    other.title = "Munkedal idé"
    measure(other_benefit, b.employee, "12")
    other_cost = dataclasses.replace(cost, description="Munkedal kostnad", paid_by_id=None)
    cost_services.save_cost(other, b.manager, other_cost)
    db.session.commit()
    return {
        "formula": formula,
        "idea": idea,
        "measured": measured,
        "first": first,
        "correction": correction,
        "unmeasured": unmeasured,
    }


def read(response, fmt: str) -> list[list]:
    """The rows of a downloaded export; CSV cells as text, XLSX cells as stored."""
    assert response.status_code == 200, response.status_code
    if fmt == "csv":
        assert response.data.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark
        text = response.data.decode("utf-8-sig")
        delimiter = ";" if ";" in text.split("\r\n")[0] else ","
        return list(csv.reader(io.StringIO(text), delimiter=delimiter))
    sheet = openpyxl.load_workbook(io.BytesIO(response.data), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def cells(value, fmt):
    """A number as the format writes it: text in CSV, a number in XLSX."""
    if fmt == "csv":
        return "" if value is None else str(value)
    return value


HEADERS = {
    "ideas": ["Id", "Title", "Stage", "Unit", "Category", "Responsible", "Submitter", "Created",
              "Priority score", "Tags"],
    "benefits": ["Benefit id", "Idea id", "Idea", "Benefit", "Type", "Indicator",
                 "Unit of measurement", "Date", "Value", "Comment", "Data source",
                 "Corrects measurement", "Recorded by"],
    "costs": ["Idea id", "Idea", "Description", "Kind", "Category", "First year", "Last year",
              "Planned (SEK)", "Actual (SEK)", "Paid by"],
    "calculation": ["Idea id", "Idea", "Year", "Planned benefit (SEK)", "Realised benefit (SEK)",
                    "Cash-releasing (SEK)", "Non-cash (SEK)", "Planned cost (SEK)",
                    "Actual cost (SEK)", "Net (SEK)"],
    "history": ["Idea id", "Idea", "From", "To", "By", "At", "Reason"],
}  # fmt: skip
EXPORTS = ["ideas", "benefits", "costs", "calculation", "history"]
FORMATS = ["csv", "xlsx"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", EXPORTS)
def test_each_export_downloads_as_an_attachment_named_by_the_date(data, world, login, name, fmt):
    response = login(world.a.leader).get(f"/exports/{name}.{fmt}")
    assert response.status_code == 200
    disposition = response.headers["Content-Disposition"]
    assert disposition == f"attachment; filename=tracker-{name}-{TODAY.isoformat()}.{fmt}"
    assert response.mimetype == (
        "text/csv"
        if fmt == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response.headers["Cache-Control"] == "private, no-store"
    header = read(response, fmt)[0]
    assert header == HEADERS[name]


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_ideas_export_lists_the_organisations_ideas_newest_first(data, world, login, fmt):
    table = read(login(world.a.admin).get(f"/exports/ideas.{fmt}"), fmt)
    assert table[0][:3] == ["Id", "Title", "Stage"]
    idea, formula = data["idea"], data["formula"]
    assert [r[0] for r in table[1:]] == [cells(idea.id, fmt), cells(formula.id, fmt)]
    row = table[2]
    assert row[1:7] == [
        "'" + FORMULA,
        "Submitted",
        "Hemtjänsten",
        "Digitalisering",
        cells(None, fmt),  # nobody responsible yet
        "Eva Ek",
    ]
    assert row[9] == "E-tjänst, Äldreomsorg"
    assert table[1][2] == "Rollout"
    assert table[1][5] == "Maja Berg"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("stage=submitted", ["formula"]),
        ("stage=rollout", ["idea"]),
        ("tag=äldreomsorg", ["formula"]),
        ("q=HYPERLINK", ["formula"]),
        ("unit=school", []),
        ("unit=social", ["idea", "formula"]),
        ("mine=1", []),
        ("fig=reached:rollout", ["idea"]),  # a drill-down from the dashboard
        ("fig=reached:prioritised&unit=school", []),
    ],
)
def test_the_ideas_export_honours_the_idea_lists_filters(data, world, login, query, expected):
    query = query.replace("school", str(world.a.school.id)).replace(
        "social", str(world.a.social.id)
    )
    table = read(login(world.a.leader).get(f"/exports/ideas.csv?{query}"), "csv")
    assert [r[0] for r in table[1:]] == [str(data[key].id) for key in expected]


def test_an_unknown_stage_filter_is_refused(data, world, login):
    assert login(world.a.leader).get("/exports/ideas.csv?stage=nonsense").status_code == 400


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_benefits_export_has_a_row_per_measurement_and_one_per_unmeasured_benefit(
    data, world, login, fmt
):
    table = read(login(world.a.leader).get(f"/exports/benefits.{fmt}"), fmt)
    measured, unmeasured, idea = data["measured"], data["unmeasured"], data["idea"]
    first, correction = data["first"], data["correction"]
    assert len(table) == 4
    on = (TODAY - timedelta(days=20)).isoformat()
    if fmt == "xlsx":
        on = TODAY - timedelta(days=20)
        table = [[v.date() if hasattr(v, "date") else v for v in r] for r in table]
    assert table[1] == [
        cells(measured.id, fmt),
        cells(idea.id, fmt),
        idea.title,
        measured.title,
        "Reallocation",
        "Handläggningstid per bygglov",
        "dagar",
        on,
        cells(Decimal("18.0000"), fmt) if fmt == "csv" else 18,
        "'@SUM(1)",
        "'-x",
        cells(None, fmt),
        "Eva Ek",
    ]
    assert table[2][8] == ("17.5000" if fmt == "csv" else 17.5)
    assert table[2][11] == cells(first.id, fmt)
    assert table[2][0] == cells(measured.id, fmt)
    assert correction.corrects_id == first.id
    assert table[3][:4] == [cells(unmeasured.id, fmt), cells(idea.id, fmt), idea.title,
                            "Färre telefonsamtal"]  # fmt: skip
    assert all(v in ("", None) for v in table[3][7:])


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_costs_export_has_a_row_per_cost(data, world, login, fmt):
    table = read(login(world.a.leader).get(f"/exports/costs.{fmt}"), fmt)
    idea = data["idea"]
    assert table[1:] == [
        [
            cells(idea.id, fmt),
            idea.title,
            "'+Licens för e-tjänsten",
            "Running",
            "Licence",
            cells(TODAY.year, fmt),
            cells(TODAY.year + 1, fmt),
            "24000.50" if fmt == "csv" else 24000.5,
            cells(None, fmt),
            "Socialförvaltningen",
        ]
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_calculation_export_has_a_row_per_idea_and_year(data, world, login, fmt):
    table = read(login(world.a.leader).get(f"/exports/calculation.{fmt}"), fmt)
    result = calculation.calculation(data["idea"], TODAY)
    assert len(table) == 1 + len(result.rows) == 1 + 5  # the default horizon
    for line, year in zip(table[1:], result.rows, strict=True):
        assert line[:3] == [cells(data["idea"].id, fmt), data["idea"].title, cells(year.year, fmt)]
        expected = year.planned_cost.quantize(Decimal("0.01"))
        assert line[7] == (format(expected, "f") if fmt == "csv" else float(expected))
    first = table[1]
    assert first[7] == ("24000.50" if fmt == "csv" else 24000.5)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_history_export_has_a_row_per_stage_change(data, world, login, fmt):
    table = read(login(world.a.leader).get(f"/exports/history.{fmt}"), fmt)
    idea = data["idea"]
    moves = [r for r in table[1:] if r[0] == cells(idea.id, fmt)]
    assert [r[2:4] for r in moves] == [
        [cells(None, fmt), "Submitted"],
        ["Submitted", "Prioritised"],
        ["Prioritised", "Rollout"],
    ]
    assert moves[2][4] == "Maja Berg"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", moves[2][5])
    assert moves[2][6] == "Beprövat i grannkommunen."


@pytest.mark.parametrize("name", ["ideas", "benefits", "calculation", "history"])
def test_an_export_larger_than_one_batch_has_every_row(data, world, login, monkeypatch, name):
    whole = read(login(world.a.leader).get(f"/exports/{name}.csv"), "csv")
    monkeypatch.setattr(queries, "BATCH", 1)
    assert read(login(world.a.leader).get(f"/exports/{name}.csv"), "csv") == whole


def test_a_swedish_user_gets_semicolons(data, world, login, client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "sv"
    response = login(world.a.leader).get("/exports/costs.csv")
    first_line = response.data.decode("utf-8-sig").split("\r\n")[0]
    assert first_line.count(";") == len(rows.COST_HEADER) - 1
    assert "," not in first_line


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", EXPORTS)
def test_another_organisations_data_never_appears(data, world, login, name, fmt):
    response = login(world.a.admin).get(f"/exports/{name}.{fmt}")
    table = read(response, fmt)
    assert len(table) > 1
    assert "Munkedal" not in repr(table)
    # and the other way round: org b's leader sees org b only
    assert "Munkedal" in repr(read(login(world.b.leader).get(f"/exports/{name}.{fmt}"), fmt))


@pytest.mark.parametrize("role", ["employee", "manager", "school_manager"])
@pytest.mark.parametrize("path", ["/exports/", "/exports/ideas.csv", "/exports/history.xlsx"])
def test_employees_and_managers_may_not_export(data, world, login, role, path):
    assert login(getattr(world.a, role)).get(path).status_code == 403


def test_exporting_needs_a_login(client):
    response = client.get("/exports/ideas.csv")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


@pytest.mark.parametrize(
    "path", ["/exports/secrets.csv", "/exports/ideas.pdf", "/exports/ideas", "/exports/ideas."]
)
def test_an_unknown_export_or_format_is_not_found(world, login, path):
    assert login(world.a.leader).get(path).status_code == 404


@pytest.mark.parametrize("role", ["leader", "admin"])
def test_the_exports_page_links_every_export_in_both_formats(world, login, role):
    page = login(getattr(world.a, role)).get("/exports/")
    assert page.status_code == 200
    assert page.text.count("<h1") == 1
    for name in EXPORTS:
        for fmt in FORMATS:
            assert f'href="/exports/{name}.{fmt}"' in page.text


def test_the_exports_page_keeps_the_idea_lists_filters_for_the_ideas_export(world, login):
    page = login(world.a.leader).get("/exports/?stage=pilot&tag=e-tj%C3%A4nst&page=3&fig=overdue")
    kept = "stage=pilot&amp;tag=e-tj%C3%A4nst&amp;fig=overdue"
    assert f'href="/exports/ideas.csv?{kept}"' in page.text
    assert 'href="/exports/costs.csv"' in page.text
