from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, StringField
from wtforms.validators import AnyOf, InputRequired, Length, Optional
from wtforms.widgets import HiddenInput

from tracker.ideas.forms import AssessmentForm, MoveForm, VersionedForm


class Placement:
    """Where the card goes in its column, and the board view (filters) to come back to."""

    above_id = IntegerField(widget=HiddenInput(), validators=[Optional()])
    below_id = IntegerField(widget=HiddenInput(), validators=[Optional()])
    view = HiddenField(validators=[Optional(), Length(max=1000)])


class CardMoveForm(Placement, FlaskForm):
    """A drop or a keyboard move: the card, the version it had, its column, its neighbours."""

    idea_id = IntegerField(validators=[InputRequired()])
    version = IntegerField(validators=[InputRequired()])
    stage = StringField(_l("Stage"), validators=[InputRequired(), Length(max=20)])
    direction = StringField(validators=[Optional(), AnyOf(["up", "down"])])


class TakeGateForm(Placement, VersionedForm):
    pass


class ReasonGateForm(Placement, MoveForm):
    pass


class AssessGateForm(Placement, AssessmentForm):
    pass
