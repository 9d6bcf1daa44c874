"""Forms of pilots: the plan, an extension, the evaluation."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    FieldList,
    Form,
    FormField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from tracker.forms import ROWS_MAX, DateField, optional_int, options
from tracker.ideas.forms import REASON_MAX, VersionedForm, strip
from tracker.ideas.models import TEXT_MAX
from tracker.ideas.stages import Stage
from tracker.pilots.models import CRITERION_MAX
from tracker.pilots.rules import Decision, Outcome


class CriterionRow(Form):
    """One success criterion; a row left empty is ignored."""

    description = StringField(
        _l("Success criterion"), filters=[strip], validators=[Length(max=CRITERION_MAX)]
    )
    threshold = StringField(
        _l("Threshold"), filters=[strip], validators=[Length(max=CRITERION_MAX)]
    )

    def validate_threshold(self, field):
        if self.description.data and not field.data:
            raise ValidationError(_l("Give the threshold that counts as success."))

    def validate_description(self, field):
        if field.data == "" and self.threshold.data:
            raise ValidationError(_l("Say what the threshold measures."))

    @property
    def filled(self) -> bool:
        return bool(self.description.data or self.threshold.data)


def end_after_start(form, field):
    if field.data and form.starts_on.data and field.data < form.starts_on.data:
        raise ValidationError(_l("The end must be on or after the start."))


class PilotPlanForm(VersionedForm):
    hypothesis = TextAreaField(
        _l("Hypothesis"),
        filters=[strip],
        validators=[DataRequired(), Length(max=TEXT_MAX)],
        description=_l("What do we believe will happen, for whom, and why?"),
    )
    criteria = FieldList(FormField(CriterionRow), min_entries=3, max_entries=ROWS_MAX)
    unit_id = SelectField(
        _l("Pilot unit"), coerce=optional_int, validators=[InputRequired()], validate_choice=True
    )
    owner_id = SelectField(
        _l("Pilot owner"), coerce=optional_int, validators=[InputRequired()], validate_choice=True
    )
    starts_on = DateField(_l("Start"), validators=[InputRequired()])
    ends_on = DateField(_l("End"), validators=[InputRequired(), end_after_start])

    def __init__(self, *args, units=(), people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.unit_id.choices = options([("", _l("Choose a unit")), *units])
        self.owner_id.choices = options([("", _l("Choose a person")), *people])

    def validate_criteria(self, field):
        if not any(row.form.filled for row in field):
            # str: the list's own error must be told apart from its rows' dicts (list_errors)
            raise ValidationError(
                str(_l("Write at least one success criterion with its threshold."))
            )


class ExtendForm(VersionedForm):
    ends_on = DateField(_l("New end"), validators=[InputRequired()])
    reason = TextAreaField(
        _l("Reason"), filters=[strip], validators=[DataRequired(), Length(max=REASON_MAX)]
    )

    def __init__(self, *args, current_end=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.current_end = current_end

    def validate_ends_on(self, field):
        if self.current_end and field.data and field.data <= self.current_end:
            raise ValidationError(_l("The new end must be after the current end."))


class EvaluationForm(VersionedForm):
    decision = RadioField(
        _l("Decision"),
        choices=options(Decision.choices()),
        validators=[InputRequired(message=_l("Choose a decision."))],
    )
    back_to = SelectField(
        _l("A pivot goes back to"),
        choices=options(Stage.choices([Stage.PRIORITISED, Stage.SCREENING])),
        default=Stage.PRIORITISED.value,
    )
    learnings = TextAreaField(
        _l("What we learned"),
        filters=[strip],
        validators=[Length(max=TEXT_MAX)],
        description=_l(
            "Shared with the whole organisation on the learnings page. Required for a stop."
        ),
    )
    changes = TextAreaField(
        _l("What changes"),
        filters=[strip],
        validators=[Length(max=TEXT_MAX)],
        description=_l("For a pivot: what we do differently next time."),
    )

    def validate_learnings(self, field):
        if self.decision.data == Decision.STOP.value and not field.data:
            raise ValidationError(_l("A stop needs what was learned."))

    def validate_changes(self, field):
        if self.decision.data == Decision.PIVOT.value and not field.data:
            raise ValidationError(_l("A pivot needs what changes."))


def evaluation_form(criteria, **kwargs) -> EvaluationForm:
    """An evaluation form with an outcome and the evidence for each success criterion."""

    class Form(EvaluationForm):
        pass

    for criterion in criteria:
        setattr(
            Form,
            f"outcome_{criterion.id}",
            RadioField(
                criterion.description,
                choices=options(Outcome.choices()),
                validators=[InputRequired(message=_l("Choose how far the criterion was met."))],
                description=_l("Threshold: %(threshold)s", threshold=criterion.threshold),
            ),
        )
        setattr(
            Form,
            f"evidence_{criterion.id}",
            TextAreaField(
                _l("Evidence"),
                filters=[strip],
                validators=[Optional(), Length(max=TEXT_MAX)],
                description=_l("What was measured or observed."),
            ),
        )
    form = Form(**kwargs)
    form.rows = [
        (c, getattr(form, f"outcome_{c.id}"), getattr(form, f"evidence_{c.id}")) for c in criteria
    ]
    return form
