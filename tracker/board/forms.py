from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField
from wtforms.validators import AnyOf, InputRequired, Length, Optional

from tracker.forms import IdField
from tracker.ideas.forms import AssessmentForm, MoveForm, VersionedForm


class Placement:
    """Where the card goes in its column, and the board view (filters) to come back to."""

    above_id = IdField(validators=[Optional()])
    below_id = IdField(validators=[Optional()])
    view = HiddenField(validators=[Optional(), Length(max=1000)])


class CardMoveForm(Placement, FlaskForm):
    """A drop or a keyboard move: the card, the version it had, its column, its neighbours."""

    idea_id = IdField(validators=[InputRequired()])
    version = IdField(minimum=0, validators=[InputRequired()])
    stage = StringField(_l("Stage"), validators=[InputRequired(), Length(max=20)])
    direction = StringField(validators=[Optional(), AnyOf(["up", "down"])])


class TakeGateForm(Placement, VersionedForm):
    pass


class ReasonGateForm(Placement, MoveForm):
    pass


class AssessGateForm(Placement, AssessmentForm):
    pass
