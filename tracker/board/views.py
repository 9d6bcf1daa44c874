"""The kanban board: columns per stage, moves by drag and drop or keyboard, gate dialogs."""

from flask import Blueprint
from flask_login import login_required

bp = Blueprint("board", __name__, url_prefix="/board")
bp.before_request(login_required(lambda: None))

from tracker.board import matrix  # noqa: E402, F401  (routes on this blueprint)
