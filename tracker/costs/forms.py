"""The form of an idea's cost."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from tracker.costs import services
from tracker.costs.models import DESCRIPTION_MAX
from tracker.costs.rules import CostCategory, CostKind
from tracker.forms import NumberField, YearField, optional_int, options
from tracker.ideas.forms import strip

KIND_LABELS = {CostKind.ONE_OFF: _l("One-off"), CostKind.RUNNING: _l("Running, every year")}


def _amount(label, description, required: bool) -> NumberField:
    return NumberField(
        label,
        validators=[InputRequired()] if required else [Optional()],
        minimum=0,
        maximum=services.AMOUNT_MAX,
        places=2,
        description=description,
    )


def _year(label, description, required: bool) -> YearField:
    return YearField(
        label,
        validators=[InputRequired()] if required else [Optional()],
        minimum=services.YEAR_MIN,
        maximum=services.YEAR_MAX,
        description=description,
    )


class CostForm(FlaskForm):
    """A cost of an idea. The rules between fields are the service's (services.save_cost)."""

    description = StringField(
        _l("Description"),
        filters=[strip],
        validators=[DataRequired(), Length(max=DESCRIPTION_MAX)],
        description=_l("What the money goes to, for example: licence for the e-signing service."),
    )
    kind = RadioField(
        _l("Kind of cost"),
        choices=options((kind.value, label) for kind, label in KIND_LABELS.items()),
        default=CostKind.ONE_OFF.value,
        validators=[InputRequired(message=_l("Choose one-off or running."))],
    )
    category = SelectField(
        _l("Category"),
        choices=options([("", _l("Choose a category")), *CostCategory.choices()]),
        validators=[InputRequired()],
    )
    year_from = _year(
        _l("Year"),
        _l("The year of a one-off cost; the first year of a running one."),
        required=True,
    )
    year_to = _year(
        _l("Last year"),
        _l("Running costs only. Leave it blank when the cost runs through the whole horizon."),
        required=False,
    )
    planned = _amount(
        _l("Planned amount (kr)"),
        _l("In whole kronor or with öre, for example 12 500. A running cost: per year."),
        required=True,
    )
    actual = _amount(
        _l("Actual amount (kr)"),
        _l("When it is known. Until then the calculation counts the planned amount."),
        required=False,
    )
    paid_by_id = SelectField(
        _l("Paid by"),
        coerce=optional_int,
        validate_choice=False,  # the service checks that the unit is the organisation's
        description=_l("The unit whose budget pays the cost."),
    )

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.paid_by_id.choices = options([("", _l("Not decided yet")), *units])

    def values(self) -> services.CostInput:
        return services.CostInput(
            description=self.description.data or "",
            kind=CostKind(self.kind.data),
            category=CostCategory(self.category.data),
            year_from=self.year_from.data,
            year_to=self.year_to.data,
            planned=self.planned.data,
            actual=self.actual.data,
            paid_by_id=self.paid_by_id.data,
        )
