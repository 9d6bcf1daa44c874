"""Sign in and out, change password, choose language."""

from flask import (
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import func, select

from tracker.auth import bp
from tracker.auth.forms import LanguageForm, LoginForm, PasswordForm
from tracker.auth.models import User, spend_password_check
from tracker.extensions import db, limiter, login_manager
from tracker.web import next_url_is_safe, parse_id, redirect_to, return_path

login_manager.login_view = "auth.login"
login_manager.login_message = _l("Please log in to see this page.")
login_manager.login_message_category = "info"


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """The user of a session, unless their password changed since it began."""
    user_id = parse_id(session_id.partition(":")[0])
    user = db.session.get(User, user_id) if user_id else None
    return user if user and user.get_id() == session_id else None


@login_manager.unauthorized_handler
def unauthorized():
    """Send to the login page; an HTMX request gets HX-Redirect rather than a swapped login form."""
    flash(str(login_manager.login_message), "info")
    return redirect_to(url_for("auth.login", next=return_path()))


def _account_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _address_limit() -> str:
    return current_app.config["LOGIN_ADDRESS_RATE_LIMIT"]


def _account_tried() -> str:
    """The account a login attempt names, as the login form reads it."""
    return "login:" + request.form.get("email", "").strip().lower()[:320]


def _fresh_session() -> None:
    """Start a new session on login and logout; only the chosen language carries over."""
    locale = session.get("locale")
    session.clear()
    if locale:
        session["locale"] = locale


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_account_limit, methods=["POST"], key_func=_account_tried)
@limiter.limit(_address_limit, methods=["POST"])  # many accounts tried from one address
def login():
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        user = db.session.scalar(select(User).where(func.lower(User.email) == email))
        if user is None:
            spend_password_check(form.password.data)
        elif user.active and user.check_password(form.password.data):
            _fresh_session()
            login_user(user)
            target = form.next.data
            return redirect(target if next_url_is_safe(target) else url_for("home.index"))
        form.password.errors.append(_("Wrong email or password, or the account is deactivated."))
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    logout_user()
    _fresh_session()
    flash(_("You are logged out."), "success")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def password():
    form = PasswordForm()
    if form.validate_on_submit():
        if not current_user.check_password(form.current.data):
            form.current.errors.append(_("The current password is wrong."))
        else:
            current_user.set_password(form.new.data)
            db.session.commit()
            login_user(current_user._get_current_object())  # this session goes on; others end
            flash(_("Your password is changed."), "success")
            return redirect(url_for("home.index"))
    return render_template("auth/password.html", form=form)


@bp.post("/language")
def language():
    """Save the chosen language: on the user when signed in, else in the session."""
    form = LanguageForm()
    if not form.validate_on_submit():
        abort(400, _("Choose one of the languages."))
    session["locale"] = form.locale.data
    if current_user.is_authenticated:
        current_user.locale = form.locale.data
        db.session.commit()
    target = form.next.data
    return redirect(target if next_url_is_safe(target) else url_for("home.index"))
