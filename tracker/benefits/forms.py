"""Forms of benefits: identify and plan one, record a measurement."""

from datetime import date
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    StopValidation,
    ValidationError,
)

from tracker.benefits import settings
from tracker.benefits.models import TITLE_MAX
from tracker.benefits.rules import BenefitType, Confidence, Direction, Stakeholder
from tracker.forms import (
    DateField,
    IdField,
    LocaleDecimalField,
    NumberField,
    WholeNumberField,
    YearField,
    optional_int,
    options,
)
from tracker.ideas.forms import REASON_MAX, VersionedForm, strip
from tracker.ideas.models import TEXT_MAX

INTERVAL_RULE = _l("Give an interval from 1 to 60 months.")
LARGEST = Decimal(10) ** 12  # beyond any indicator or price a municipality measures


def bounded(form, field):
    """A number small enough to store and to add up."""
    if field.data is not None and abs(field.data) >= LARGEST:
        raise ValidationError(_l("The number is too large."))


class NumberRequired(InputRequired):
    """InputRequired, where blank text is no number either (its data is None)."""

    def __call__(self, form, field):
        super().__call__(form, field)
        if field.data is None and not field.process_errors:
            raise StopValidation(self.message or field.gettext("This field is required."))


def share(form, field):
    """A percentage from 0 to 100. (NumberRange would %-format the message's "%".)"""
    if field.data is not None and not 0 <= field.data <= 100:
        raise ValidationError(_l("The attribution is a share from 0 to 100 %."))


def needs(field, partner, message) -> bool:
    """`field` is given when `partner` is. Checked on the form, because an Optional field's own
    validators never run while it is empty."""
    if _typed(partner) and not _typed(field):
        field.errors.append(message)
        return False
    return True


def _typed(field) -> bool:
    return bool(field.raw_data and str(field.raw_data[0]).strip())


def _number(label, *validators, description=None, default=None):
    return LocaleDecimalField(
        label, validators=[*validators, bounded], description=description, default=default
    )


class InterimRow(Form):
    """An interim target: a date and the value planned for it; an empty row is ignored."""

    on = DateField(_l("Date"), validators=[Optional()])
    value = _number(_l("Value"), Optional())
    remove = BooleanField(_l("Remove"))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        checks = [
            needs(self.value, self.on, _l("Give the value planned for this date.")),
            needs(self.on, self.value, _l("Give the date of this interim target.")),
        ]
        return all(checks) and valid


class BenefitForm(VersionedForm):
    title = StringField(
        _l("Benefit"),
        filters=[strip],
        validators=[DataRequired(), Length(max=TITLE_MAX)],
        description=_l("The change, in a few words: “Shorter handling time for building permits”."),
    )
    type = SelectField(_l("Type"), choices=options(BenefitType.choices()))
    dis_benefit = BooleanField(
        _l("This is a dis-benefit (a negative effect)"),
        description=_l("A dis-benefit is followed like any benefit; its money counts negative."),
    )
    stakeholder = SelectField(_l("Who gains"), choices=options(Stakeholder.choices()))
    unit_id = SelectField(_l("Unit that gains"), coerce=optional_int, validate_choice=True)
    indicator = StringField(
        _l("Indicator"),
        filters=[strip],
        validators=[DataRequired(), Length(max=TITLE_MAX)],
        description=_l("What is measured: “handling time per permit”."),
    )
    measure = StringField(
        _l("Unit of measurement"),
        filters=[strip],
        validators=[DataRequired(), Length(max=60)],
        description=_l("For example: days, hours per month, NKI, kr per year."),
    )
    direction = SelectField(_l("Direction"), choices=options(Direction.choices()))
    method = TextAreaField(
        _l("Method"), filters=[strip], validators=[Optional(), Length(max=TEXT_MAX)]
    )
    data_source = StringField(
        _l("Data source"), filters=[strip], validators=[Optional(), Length(max=200)]
    )
    baseline_value = _number(_l("Baseline value"), Optional())
    baseline_on = DateField(_l("Baseline date"), validators=[Optional()])
    target_value = _number(_l("Target value"), Optional())
    target_on = DateField(_l("Target date"), validators=[Optional()])
    interim = FieldList(FormField(InterimRow), min_entries=1, max_entries=20)
    confidence = SelectField(
        _l("Confidence"), choices=options(Confidence.choices()), default=Confidence.MEDIUM.value
    )
    sek_per_unit = _number(
        _l("SEK per unit of change and year"),
        Optional(),
        NumberRange(min=0, message=_l("The value is zero or more.")),
        description=_l("For financial and reallocation benefits: what one unit is worth a year."),
    )
    price_year = YearField(_l("Price year"), minimum=2000, maximum=2100)
    attribution = _number(
        _l("Attribution (%)"),
        NumberRequired(),
        share,
        description=_l("The share of the change that this idea may claim."),
        default=Decimal(100),
    )
    owner_id = SelectField(_l("Benefit owner"), coerce=optional_int, validate_choice=True)
    strategic_goal_id = SelectField(_l("Strategic goal"), coerce=optional_int, validate_choice=True)
    interval_months = WholeNumberField(
        _l("Follow-up interval (months)"),
        default=3,
        message=INTERVAL_RULE,
        validators=[InputRequired(), NumberRange(min=1, max=60, message=INTERVAL_RULE)],
    )
    risks = TextAreaField(
        _l("Risks and assumptions"),
        filters=[strip],
        validators=[Optional(), Length(max=TEXT_MAX)],
    )
    reason = TextAreaField(
        _l("Why the baseline or target changes"),
        filters=[strip],
        validators=[Optional(), Length(max=REASON_MAX)],
        description=_l("Needed when a planned benefit's baseline or target changes."),
    )

    def __init__(self, *args, units=(), people=(), goals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.unit_id.choices = options([("", _l("No unit")), *units])
        self.owner_id.choices = options([("", _l("Nobody yet")), *people])
        self.strategic_goal_id.choices = options([("", _l("No goal")), *goals])
        self.interim.entries = [row for row in self.interim.entries if not row.form.remove.data]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        baseline = _l("Give the baseline's value and date together.")
        target = _l("Give the target's value and date together.")
        checks = [
            needs(self.baseline_on, self.baseline_value, baseline),
            needs(self.baseline_value, self.baseline_on, baseline),
            needs(self.target_on, self.target_value, target),
            needs(self.target_value, self.target_on, target),
        ]
        return all(checks) and valid

    def validate_target_on(self, field):
        if field.data and self.baseline_on.data and field.data <= self.baseline_on.data:
            raise ValidationError(_l("The target date must be after the baseline date."))

    def interim_points(self) -> list[tuple[date, Decimal]]:
        return [
            (row.form.on.data, row.form.value.data)
            for row in self.interim
            if row.form.on.data and row.form.value.data is not None
        ]


class MeasurementForm(FlaskForm):
    on = DateField(_l("Date"), validators=[InputRequired()], default=date.today)
    value = _number(_l("Value"), NumberRequired())
    comment = TextAreaField(
        _l("Comment"), filters=[strip], validators=[Optional(), Length(max=REASON_MAX)]
    )
    data_source = StringField(
        _l("Data source"), filters=[strip], validators=[Optional(), Length(max=200)]
    )
    corrects_id = IdField(validators=[Optional()])


class BenefitSettingsForm(FlaskForm):
    """The organisation's benefit calculation settings, in percent and years."""

    rate_percent = NumberField(
        _l("Discount rate (%)"),
        validators=[InputRequired()],
        minimum=0,
        maximum=settings.RATE_MAX_PERCENT,
        places=settings.RATE_PLACES,
        description=_l(
            "A krona a year later is worth this much less. Inera's nyttokalkyl uses 3 %."
        ),
    )
    horizon_years = WholeNumberField(
        _l("Horizon (years)"),
        message=_l("Enter a whole number from 1 to %(max)d.", max=settings.HORIZON_MAX),
        validators=[InputRequired()],
        description=_l("How many years the calculation covers, from the start of rollout."),
        render_kw={"inputmode": "numeric", "autocomplete": "off"},
    )
    tolerance_percent = NumberField(
        _l("On-track tolerance (%)"),
        validators=[InputRequired()],
        minimum=settings.TOLERANCE_MIN_PERCENT,
        maximum=100,
        places=settings.TOLERANCE_PLACES,
        description=_l(
            "A benefit is on track when its realised change is at least this share of the "
            "planned change for the date it was measured."
        ),
    )

    def validate_horizon_years(self, field):
        if field.data is not None and not 1 <= field.data <= settings.HORIZON_MAX:
            raise ValidationError(str(field.message))
