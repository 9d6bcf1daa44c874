"""The rollout plan's form: adopting units and change activities as repeating rows."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Length, Optional, StopValidation, ValidationError

from tracker.forms import ROWS_MAX, DateField, IdField, optional_int, options
from tracker.ideas.forms import REASON_MAX, VersionedForm, strip
from tracker.pilots.rules import UnitStatus
from tracker.rollouts.models import ACTIVITY_MAX

STATUS_CHOICES = UnitStatus.choices()


class NeededInFilledRow:
    """Like Optional(), except that a row which names its `key` (the unit, the activity) needs
    this field. Optional() would end the checks before a validate_<field> method could say so."""

    def __init__(self, key: str, message):
        self.key, self.message = key, message

    def __call__(self, form, field):
        if field.raw_data and field.raw_data[0].strip():
            return
        field.errors[:] = []
        raise StopValidation(self.message if form[self.key].data else None)


class UnitRow(Form):
    """An adopting unit; a row without a unit is ignored unless something else is filled in."""

    unit_id = SelectField(_l("Unit"), coerce=optional_int, validate_choice=True)
    status = SelectField(_l("Status"), default=UnitStatus.PLANNED.value, validate_choice=True)
    starts_on = DateField(
        _l("Start"), validators=[NeededInFilledRow("unit_id", _l("Give the planned start."))]
    )
    ends_on = DateField(
        _l("End"), validators=[NeededInFilledRow("unit_id", _l("Give the planned end."))]
    )
    contact_id = SelectField(_l("Contact person"), coerce=optional_int, validate_choice=True)
    remove = BooleanField(_l("Remove"))

    @property
    def filled(self) -> bool:
        return bool(self.unit_id.data or self.starts_on.data or self.ends_on.data)

    def validate_unit_id(self, field):
        if not field.data and self.filled:
            raise ValidationError(_l("Choose the unit."))

    def validate_ends_on(self, field):
        if field.data and self.starts_on.data and field.data < self.starts_on.data:
            raise ValidationError(_l("The end must be on or after the start."))

    def validate_contact_id(self, field):
        if self.unit_id.data and not field.data:
            raise ValidationError(_l("Choose the contact person."))


class ActivityRow(Form):
    """A change activity; a row without a description is ignored unless it has a date."""

    id = IdField(validators=[Optional()])
    description = StringField(
        _l("Activity"), filters=[strip], validators=[Length(max=ACTIVITY_MAX)]
    )
    owner_id = SelectField(_l("Owner"), coerce=optional_int, validate_choice=True)
    due_on = DateField(
        _l("Due"), validators=[NeededInFilledRow("description", _l("Give the due date."))]
    )
    done = BooleanField(_l("Done"))
    remove = BooleanField(_l("Remove"))

    @property
    def filled(self) -> bool:
        return bool(self.description.data or self.due_on.data)

    def validate_description(self, field):
        if not field.data and self.filled:
            raise ValidationError(_l("Describe the activity."))

    def validate_owner_id(self, field):
        if self.description.data and not field.data:
            raise ValidationError(_l("Choose the owner."))


class RolloutForm(VersionedForm):
    units = FieldList(FormField(UnitRow), min_entries=1, max_entries=ROWS_MAX)
    activities = FieldList(FormField(ActivityRow), min_entries=1, max_entries=ROWS_MAX)
    reason = TextAreaField(
        _l("Why roll out without a pilot?"),
        filters=[strip],
        validators=[Length(max=REASON_MAX)],  # no Optional(): it would skip validate_reason
    )

    def __init__(self, *args, units=(), people=(), needs_reason=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit_options = options([("", _l("Choose a unit")), *units])
        self.people_options = options([("", _l("Choose a person")), *people])
        self.status_options = options(STATUS_CHOICES)
        for rows in (self.units, self.activities):  # a row marked "remove" leaves the plan
            rows.entries = [row for row in rows.entries if not row.form.remove.data]
        self.needs_reason = needs_reason
        self.reason.flags.required = needs_reason
        self.give_choices()

    def give_choices(self) -> None:
        """Every row's selects get their choices, also rows added after construction."""
        for row in self.units:
            row.form.unit_id.choices = self.unit_options
            row.form.status.choices = self.status_options
            row.form.contact_id.choices = self.people_options
        for row in self.activities:
            row.form.owner_id.choices = self.people_options

    def validate_units(self, field):
        chosen = [row.form.unit_id.data for row in field if row.form.unit_id.data]
        # str: the list's own error must be told apart from its rows' dicts (list_errors)
        if not chosen:
            raise ValidationError(str(_l("Name at least one adopting unit.")))
        if len(set(chosen)) != len(chosen):
            raise ValidationError(str(_l("Each unit appears once in the plan.")))

    def validate_reason(self, field):
        if self.needs_reason and not field.data:
            raise ValidationError(_l("Give the reason for rolling out without a pilot."))
