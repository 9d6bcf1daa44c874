"""A person's e-mail choices, and the one-click unsubscribe that needs no login."""

from flask import make_response, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker import mail
from tracker.auth.models import User
from tracker.extensions import csrf, db
from tracker.notifications.email import bp
from tracker.notifications.email.forms import PreferencesForm
from tracker.notifications.email.preferences import deliveries_of, save_preferences, stop_mail
from tracker.notifications.email.tokens import read_token
from tracker.notifications.models import Delivery
from tracker.web import run_form, saved


@bp.route("/account/notifications", methods=["GET", "POST"])
@login_required
def preferences():
    """Each kind: in the app only, or also by e-mail at once, daily or weekly."""
    person = current_user._get_current_object()
    form = PreferencesForm()
    if not form.is_submitted():
        for kind, delivery in deliveries_of([person.id])[person.id].items():
            form[kind.value].data = delivery.value
    return run_form(
        form,
        lambda: save_preferences(person, form.choices()),
        done=lambda _result: saved(
            _("Your e-mail choices are saved."), url_for("notification_email.preferences")
        ),
        render=lambda: render_template("notifications/email/preferences.html", form=form),
    )


def _token_holder(token: str):
    """The person a token names, and its kinds; None for a bad token or an unknown person."""
    read = read_token(token)
    person = db.session.get(User, read[0]) if read and 0 < read[0] < 2**31 else None
    return (person, read[1]) if person else None


def _bad_token():
    return make_response(render_template("notifications/email/bad_token.html"), 400)


# RFC 8058: a mail client unsubscribes with one POST of "List-Unsubscribe=One-Click" to the
# List-Unsubscribe address, without a page and so without a CSRF token. The signed token is
# the proof, and the POST can only ever lower the mail its person gets: a forged request does
# no more than the link in that person's e-mail already does. Hence exempt from CSRF.
@csrf.exempt
@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
def unsubscribe(token: str):
    """GET: the page an e-mail's unsubscribe link opens, in its person's language, with one
    button (or "done" when that e-mail is already stopped). POST: stop the e-mail of the kinds
    the token names, then that page."""
    holder = _token_holder(token)
    if holder is None:
        return _bad_token()
    person, kinds = holder
    if request.method == "POST":
        stop_mail(person.id, kinds)
        db.session.commit()
        return redirect(url_for("notification_email.unsubscribe", token=token), 303)
    current = deliveries_of([person.id])[person.id]
    done = all(current[k] is Delivery.NEVER for k in kinds)
    with force_locale(mail.language_of(person.locale)):
        return render_template(
            "notifications/email/unsubscribe.html",
            kinds=[k.label for k in kinds],
            done=done,
            token=token,
        )
