"""Forms of closing: propose a benefit as realised, drop it, and the idea's closing assessment."""

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length

from tracker.benefits.forms import MeasurementForm
from tracker.benefits.rules import Lifecycle
from tracker.forms import IdField, optional_int, options
from tracker.ideas.forms import REASON_MAX, VersionedForm, strip
from tracker.ideas.models import TEXT_MAX


class ProposeForm(MeasurementForm):
    """The final measurement with which the benefit owner proposes the benefit as realised."""

    corrects_id = None  # a proposal adds a measurement; it corrects none
    version = IdField(minimum=0, validators=[InputRequired()])


class CloseForm(VersionedForm):
    """Close a benefit that will not be realised: evaporated or cancelled, with a reason."""

    outcome = RadioField(
        _l("How the benefit ends"),
        choices=options(
            [
                (Lifecycle.EVAPORATED.value, _l("Evaporated: the change did not come about")),
                (Lifecycle.CANCELLED.value, _l("Cancelled: the benefit is no longer pursued")),
            ]
        ),
        validators=[InputRequired(message=_l("Choose how the benefit ends."))],
    )
    reason = TextAreaField(
        _l("Reason"),
        filters=[strip],
        validators=[
            DataRequired(message=_l("Give a reason.")),
            Length(max=REASON_MAX),
        ],
        description=_l("Why the benefit ends this way; it stays on the benefit's page."),
    )


class ClosingAssessmentForm(VersionedForm):
    summary = TextAreaField(
        _l("Summary"),
        filters=[strip],
        validators=[DataRequired(message=_l("Write a summary.")), Length(max=TEXT_MAX)],
        description=_l("What the idea brought, in a few sentences."),
    )
    learnings = TextAreaField(
        _l("Learnings"),
        filters=[strip],
        validators=[DataRequired(message=_l("Write what was learned.")), Length(max=TEXT_MAX)],
        description=_l("What others should know before they try something similar."),
    )
    keeper_id = SelectField(
        _l("Who keeps the benefit"),
        coerce=optional_int,
        validate_choice=True,
        validators=[DataRequired(message=_l("Choose who keeps the benefit."))],
        description=_l("The person in line operations who keeps the benefit from now on."),
    )

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.keeper_id.choices = options([("", _l("Choose a person")), *people])
