"""Exports for leaders and admins: the ideas, benefits, costs, calculation and stage history of
their organisation, as CSV or XLSX.

CSV streams from a generator over a query fetched 500 rows at a time. XLSX is written row by row
by a write-only openpyxl workbook into a SpooledTemporaryFile (in memory up to 8 MB, then on
disk) and sent with send_file: neither holds a whole export in memory.
"""

from dataclasses import dataclass
from datetime import date
from tempfile import SpooledTemporaryFile

from flask import (
    Response,
    abort,
    render_template,
    request,
    send_file,
    stream_with_context,
)
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from tracker.auth.roles import READS_ORGANISATION
from tracker.dashboard.drill import Selection
from tracker.exports import bp, queries, rows
from tracker.ideas.listing import idea_filter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SPOOL_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class Export:
    title: object  # lazy strings: the page and the sheet speak the request's language
    description: object
    header: tuple


EXPORTS = {
    "ideas": Export(
        _l("Ideas"),
        _l("The idea list, with the filters of the list you came from."),
        rows.IDEA_HEADER,
    ),
    "benefits": Export(
        _l("Benefits and measurements"),
        _l("One row per measurement; a benefit not yet measured has one row of its own."),
        rows.BENEFIT_HEADER,
    ),
    "costs": Export(_l("Costs"), _l("One row per cost of an idea."), rows.COST_HEADER),
    "calculation": Export(
        _l("Benefit calculation"),
        _l("One row per idea and year, for the ideas that have benefits or costs."),
        rows.CALCULATION_HEADER,
    ),
    "history": Export(_l("Stage history"), _l("One row per move of an idea."), rows.HISTORY_HEADER),
}
NAMES = ",".join(EXPORTS)
IDEA_ARGS = (
    "stage",
    "unit",
    "q",
    "tag",
    "mine",
    "category",
    "goal",
    "fig",
)  # the idea list's filters


@bp.before_request
@login_required
def leaders_and_admins_only() -> None:
    """Leaders and admins export their organisation's data; everyone else gets 403."""
    if current_user.role not in READS_ORGANISATION:
        abort(403)


@bp.get("/")
def index():
    idea_args = {k: request.args[k] for k in IDEA_ARGS if request.args.get(k)}
    return render_template("exports/index.html", exports=EXPORTS, idea_args=idea_args)


@bp.get(f"/<any({NAMES}):name>.<any(csv,xlsx):fmt>")
def download(name: str, fmt: str):
    export = EXPORTS[name]
    header = [str(h) for h in export.header]
    source = _rows(name)  # built now, executed while the response is written
    filename = f"tracker-{name}-{date.today().isoformat()}.{fmt}"
    if fmt == "csv":
        response = Response(
            stream_with_context(rows.csv_lines(header, source, csv_delimiter())),
            mimetype="text/csv",
        )
        response.headers.set("Content-Disposition", "attachment", filename=filename)
    else:
        file = SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (send_file closes it)
        rows.write_xlsx(file, str(export.title), header, source)
        file.seek(0)
        response = send_file(file, mimetype=XLSX, as_attachment=True, download_name=filename)
    return response


def csv_delimiter() -> str:
    """Swedish Excel splits CSV on semicolons (the comma is its decimal sign): ";" for a
    Swedish user, "," otherwise. Numbers are written with a decimal point either way."""
    return ";" if str(get_locale() or "sv").startswith("sv") else ","


def _rows(name: str):
    organisation_id = current_user.organisation_id
    if name == "ideas":
        chosen = Selection.from_args(request.args)  # a list opened from the dashboard
        f = chosen.narrow(idea_filter(), organisation_id, date.today())
        statement = queries.ideas(current_user, f)
        return rows.idea_rows(queries.streamed(statement, scalars=True))
    if name == "benefits":
        return rows.benefit_rows(queries.streamed(queries.benefits(organisation_id)))
    if name == "costs":
        return rows.cost_rows(queries.streamed(queries.costs(organisation_id)))
    if name == "calculation":
        return rows.calculation_rows(queries.calculations(organisation_id, date.today()))
    return rows.history_rows(queries.streamed(queries.history(organisation_id)))
