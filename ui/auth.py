"""Sign-in and roles in the dashboard: who this visitor is, what they may do, and the record of what they did.

- :func:`gate` (called by app.py before the navigation): with accounts in ``DATA_DIR/users.toml`` an
  anonymous visitor gets the sign-in page and nothing else; without accounts the dashboard is this
  machine's own (everyone is the local user, with every right) and a visitor from another address is
  turned away.
- :func:`current_user` — the signed-in :class:`User`, read afresh from ``users.toml`` on every call
  (a role taken away, an account removed or a password changed applies at once); ``None`` when nobody is.
- :func:`allowed` ``(role)`` — for showing or hiding a control.
- :func:`require` ``(role, action)`` — the server-side check at the moment an action runs: the user, or
  the refusal shown, recorded and the run stopped. A hidden button is no protection on its own: the check
  is made where the action is carried out.
- :func:`perform` ``(action, work, role="editor", **details)`` — require, run ``work(user)``, record who
  did it and how it went, return what ``work`` returned: one line per action of a page.
- :func:`record` ``(action, **details)`` and :func:`show_changes` — the change record (graph/audit.py).

Sessions (graph/accounts.py) are kept in this server process by an unguessable token: in the browser
tab's session state and in a cookie (``edugraph_session``, SameSite=Strict) so that a reload keeps the
sign-in; they end after ``[sessions] idle_minutes`` unused, ``max_hours`` after sign-in, on «Выйти», and
when the server restarts. Failed sign-ins are slowed down per login and per address
(:class:`graph.accounts.SignInThrottle`).

Single sign-on: where the organisation has an OpenID Connect provider and ``.streamlit/secrets.toml`` has
an ``[auth]`` section, the sign-in page also offers Streamlit's own ``st.login``; the provider's e-mail
address must be an account of ``users.toml`` (``edugraph user add ADDRESS --role … --oidc``), which gives
the role. Such a sign-in ends ``max_hours`` after the provider issued it, or ``idle_minutes`` unused.
"""

from __future__ import annotations

import getpass
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import streamlit as st

from graph import accounts as acc
from graph import audit
from ui.common import data_dir

COOKIE = "edugraph_session"
TOKEN_KEY = "_auth_token"
FAILURE_PAUSE = 0.5  # seconds every failed sign-in waits before it answers, on top of the hash
T = TypeVar("T")


@dataclass(frozen=True)
class User:
    login: str
    role: str
    name: str = ""
    local: bool = False  # no accounts: the person at this machine
    oidc: bool = False  # signed in through the identity provider (st.login)

    def may(self, role: str) -> bool:
        return acc.rank(self.role) >= acc.rank(role)

    @property
    def title(self) -> str:
        return self.name or self.login


def local_user() -> User:
    try:
        who = getpass.getuser()
    except (KeyError, OSError):
        who = "local"
    return User(f"{who}@local", "admin", "этот компьютер", local=True)


@st.cache_resource(show_spinner=False)
def _sessions(directory: str) -> acc.Sessions:
    return acc.Sessions()


@st.cache_resource(show_spinner=False)
def _throttle(directory: str) -> acc.SignInThrottle:
    return acc.SignInThrottle()


def accounts_on() -> bool:
    """True when ``users.toml`` has accounts; a file that cannot be read stops the page (never open by mistake)."""
    try:
        return acc.accounts_exist(data_dir())
    except acc.AccountError as exc:
        st.error(f"Учётные записи не читаются, вход невозможен: {exc}")
        st.stop()
        raise


def client_address() -> str | None:
    """The visitor's address (None on this machine)."""
    try:
        address = st.context.ip_address
    except Exception:  # no server behind the script
        return None
    return address if isinstance(address, str) and address else None  # (AppTest gives a mock)


def _token() -> str | None:
    token = st.session_state.get(TOKEN_KEY)
    if token:
        return token
    if st.session_state.get("_auth_signed_out"):
        return None  # this tab signed out: its cookie (read when the tab connected) no longer counts
    try:
        return st.context.cookies.get(COOKIE)
    except Exception:
        return None


def oidc_providers() -> list[str] | None:
    """None without ``[auth]`` in Streamlit's secrets; else the named providers ([] for the default one)."""
    try:
        section = st.secrets.get("auth")
    except Exception:  # no secrets file at all
        return None
    if not section:
        return None
    return [name for name, value in section.items() if hasattr(value, "items")]


def _oidc_identity() -> dict | None:
    """The claims of the provider's ID token for a visitor signed in with ``st.login``, else None."""
    try:
        return dict(st.user.to_dict()) if st.user.is_logged_in else None
    except Exception:
        return None


def _oidc_user(identity: dict) -> User | None:
    directory = data_dir()
    address = str(identity.get("email") or "").strip().lower()
    account = acc.read_accounts(directory).get(address) if address else None
    settings = acc.read_settings(directory)
    moment = time.time()
    issued = identity.get("iat")
    seen = st.session_state.get("_oidc_seen", moment)
    if account is None:
        st.session_state["_auth_notice"] = "unknown"
        st.session_state["_oidc_email"] = address
        return None
    if (isinstance(issued, (int, float)) and moment - issued > settings.max_hours * 3600) or (
            moment - seen > settings.idle_minutes * 60):
        audit.record(directory, account.login, "signout", role=account.role, address=client_address(), via="oidc",
                     reason="expired")
        st.session_state.pop("_oidc_seen", None)
        st.logout()  # the provider's sign-in is forgotten here too: the next visit signs in afresh
        return None
    if "_oidc_seen" not in st.session_state:
        audit.record(directory, account.login, "signin", role=account.role, address=client_address(), via="oidc")
    st.session_state["_oidc_seen"] = moment
    return User(account.login, account.role, account.name or str(identity.get("name") or ""), oidc=True)


def current_user() -> User | None:
    """The signed-in user (the local user without accounts); None for an anonymous visitor."""
    if not accounts_on():
        return local_user()
    directory = data_dir()
    if oidc_providers() is not None:
        identity = _oidc_identity()
        if identity is not None:
            return _oidc_user(identity)
    token = _token()
    account, why = _sessions(directory).account(directory, token)
    if account is None:
        if st.session_state.pop(TOKEN_KEY, None) or (token and why != "none"):
            st.session_state["_auth_notice"] = why
            st.session_state["_auth_clear_cookie"] = True
        return None
    st.session_state[TOKEN_KEY] = token
    return User(account.login, account.role, account.name)


def allowed(role: str) -> bool:
    """Whether the current user's role is ``role`` or above (to show a control; the action still calls require)."""
    user = current_user()
    return user is not None and user.may(role)


def role_ru(role: str) -> str:
    return acc.ROLE_RU.get(role, role)


def _needed_ru(role: str) -> str:
    return ", ".join(f"«{role_ru(r)}»" for r in acc.ROLES[acc.rank(role):])


def require(role: str, action: str = "") -> User:
    """The user when their role (read now) is ``role`` or above; else the refusal is shown and recorded and the
    script run stops, so that nothing after this line runs."""
    user = current_user()
    if user is not None and user.may(role):
        return user
    audit.record(data_dir(), user.login if user else "anonymous", "refused", role=user.role if user else "",
                 outcome="refused", attempted=action, needed=role, address=client_address())
    st.error(f"Недостаточно прав: это действие доступно ролям {_needed_ru(role)}. "
             "Если оно нужно вам по работе, обратитесь к администратору.")
    st.stop()
    raise AssertionError("st.stop() returned")  # pragma: no cover


def record(action: str, user: User | None = None, outcome: str = "ok", **details) -> dict:
    """Append to the change record, naming the current user (or ``user``)."""
    user = user or current_user()
    return audit.record(data_dir(), user.login if user else "anonymous", action, role=user.role if user else "",
                        outcome=outcome, **details)


def perform(action: str, work: Callable[[User], T], role: str = "editor", **details) -> T:
    """``require(role)``, then ``work(user)``; the change record gets who, when, the details and the outcome
    (``failed`` with the error when ``work`` raises, which is raised on)."""
    user = require(role, action)
    try:
        result = work(user)
    except Exception as exc:
        record(action, user, outcome="failed", error=str(exc), **details)
        raise
    record(action, user, **details)
    return result


def show_changes(limit: int = 500, key: str = "changes") -> None:
    """The changes made through the dashboard, newest first: when, who, what, outcome, details."""
    from ui.common import table

    rows = audit.rows_ru(audit.changes(data_dir(), limit=limit))
    if not rows:
        st.caption("Изменений через панель ещё не было.")
        return
    table(rows, {"when": "Когда", "who": "Кто", "what": "Что", "outcome": "Итог", "details": "Подробности"},
          key=key, file_name="changes.csv", height=min(420, 38 + 35 * len(rows)))


# ------------------------------------------------------------------------------------------ the pages

NOTICES = {
    "expired": "Сеанс завершён: вы долго не работали или сеанс длился дольше допустимого. Войдите снова.",
    "ended": "Сеанс завершён: учётная запись изменена или удалена. Войдите снова.",
    "signed_out": "Вы вышли из edugraph.",
    "unknown": "Для адреса {email} нет учётной записи edugraph. Обратитесь к администратору.",
}


def _cookie_scripts() -> None:
    """Set or clear the session cookie in the browser (the server keeps the session; the cookie only names it)."""
    token = st.session_state.pop("_auth_set_cookie", None)
    if token:
        max_age = int(acc.read_settings(data_dir()).max_hours * 3600)
        value = f"{COOKIE}={token}; path=/; max-age={max_age}; SameSite=Strict"
    elif st.session_state.pop("_auth_clear_cookie", None):
        value = f"{COOKIE}=; path=/; max-age=0; SameSite=Strict"
    else:
        return
    st.html(f"<script>document.cookie = {value!r} + (location.protocol === 'https:' ? '; Secure' : '');</script>",
            unsafe_allow_javascript=True, width="content")


def _attempt(login: str, password: str) -> None:
    directory = data_dir()
    throttle, address = _throttle(directory), client_address()
    keys = throttle.keys(login, address)
    wait = throttle.wait_seconds(keys)
    if wait > 0:  # refused before the password is looked at: it reveals nothing and does not count
        audit.record(directory, login.strip().lower(), "signin_slowed", outcome="refused", address=address,
                     wait_seconds=math.ceil(wait))
        st.error(f"Слишком много неудачных попыток входа. Следующая попытка — через {math.ceil(wait)} с.")
        return
    account = acc.authenticate(directory, login, password) if login.strip() and password else None
    if account is None:
        throttle.failed(keys)
        time.sleep(FAILURE_PAUSE)
        audit.record(directory, login.strip().lower(), "signin_failed", outcome="refused", address=address)
        st.error("Неверное имя пользователя или пароль.")
        wait = throttle.wait_seconds(keys)
        if wait > 0:
            st.warning(f"Слишком много неудачных попыток входа. Следующая попытка — через {math.ceil(wait)} с.")
        return
    throttle.succeeded(keys)
    token = _sessions(directory).open(account)
    st.session_state[TOKEN_KEY] = token
    st.session_state["_auth_set_cookie"] = token
    st.session_state.pop("_auth_signed_out", None)
    st.session_state.pop("_auth_notice", None)
    audit.record(directory, account.login, "signin", role=account.role, address=address)
    st.rerun()


def sign_in_page() -> None:
    st.title("Вход в edugraph")
    st.caption("Сеть образования: люди, организации, события и документы. Войдите под своей учётной записью.")
    notice = st.session_state.pop("_auth_notice", None)
    if notice in NOTICES:
        st.info(NOTICES[notice].format(email=st.session_state.get("_oidc_email", "")))
    _cookie_scripts()
    providers = oidc_providers()
    if providers is not None:
        if _oidc_identity() is not None:  # signed in at the provider, but not (or no longer) here
            st.button("Выйти из единого входа", key="oidc_logout", on_click=st.logout)
        else:
            for provider in providers or [None]:
                st.button("Войти через единый вход организации" + (f" ({provider})" if provider else ""),
                          key=f"oidc_login_{provider}", type="primary",
                          on_click=st.login, args=(provider,) if provider else ())
        if not any(a.password for a in acc.read_accounts(data_dir()).values()):
            return  # nobody signs in with a password
    with st.form("signin", clear_on_submit=False, width=420):
        login = st.text_input("Имя пользователя", key="signin_login", autocomplete="username")
        password = st.text_input("Пароль", type="password", key="signin_password", autocomplete="current-password")
        submitted = st.form_submit_button("Войти", type="primary")
    if submitted:
        _attempt(login, password)
    st.caption("Нет учётной записи или забыли пароль — обратитесь к администратору edugraph.")


def _sign_out() -> None:
    directory = data_dir()
    user = current_user()
    if user is not None and user.oidc:
        audit.record(directory, user.login, "signout", role=user.role, address=client_address(), via="oidc")
        st.session_state.pop("_oidc_seen", None)
        st.logout()
        return
    _sessions(directory).close(st.session_state.pop(TOKEN_KEY, None))
    st.session_state["_auth_signed_out"] = True
    st.session_state["_auth_clear_cookie"] = True
    st.session_state["_auth_notice"] = "signed_out"
    if user is not None:
        audit.record(directory, user.login, "signout", role=user.role, address=client_address())


def sidebar(user: User) -> None:
    """Who is signed in, and «Выйти» (nothing to show without accounts)."""
    _cookie_scripts()
    if user.local:
        return
    st.sidebar.divider()
    st.sidebar.caption(f"Вы вошли как **{user.title}** ({user.login}), роль: {role_ru(user.role)}.")
    st.sidebar.button("Выйти", key="auth_sign_out", on_click=_sign_out)


def gate(pages: list) -> User:
    """The visitor, once signed in; until then the sign-in page is the whole app (the run stops here). The
    pages are registered, hidden, so that the address asked for (a bookmark of a page) opens once signed in."""
    if not accounts_on():
        if client_address() is not None:
            st.error("Панель открыта без учётных записей и поэтому доступна только с этого компьютера. "
                     "Администратору: создайте учётные записи (`edugraph user add ИМЯ --role admin`).")
            st.stop()
        return local_user()
    user = current_user()
    if user is None:
        st.navigation(pages, position="hidden")  # not run: the sign-in page is drawn instead
        sign_in_page()
        st.stop()
    return user
