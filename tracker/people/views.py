"""My data: the page that says what the download holds, and the download itself."""

import json
from datetime import date

from flask import Response, render_template
from flask_login import current_user, login_required

from tracker.dbtypes import utcnow
from tracker.extensions import db
from tracker.people import bp, data


@bp.get("/data")
@login_required
def my_data():
    return render_template("people/my_data.html")


@bp.get("/data.json")
@login_required
def download():
    """The signed-in person's own data as a JSON file; never kept by a cache."""
    person = current_user._get_current_object()
    body = json.dumps(
        data.export_own_data(person, utcnow()), default=data.plain, ensure_ascii=False, indent=2
    )
    db.session.commit()
    response = Response(body, mimetype="application/json")
    filename = f"my-data-{date.today().isoformat()}.json"
    response.headers.set("Content-Disposition", "attachment", filename=filename)
    response.headers["Cache-Control"] = "private, no-store"
    return response
