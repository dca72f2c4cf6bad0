"""Who may use the dashboard: accounts with a role, passwords hashed with Argon2id, sessions that expire,
and sign-ins slowed down after failures.

The accounts live in ``DATA_DIR/users.toml``, written only by ``edugraph user …`` (and the admins'
accounts page), never kept in the repository::

    [sessions]
    idle_minutes = 30        # a session unused this long ends
    max_hours = 12           # and none lasts longer than this

    [users.ivanova]
    role = "editor"          # viewer | editor | admin
    name = "Иванова Анна Петровна"
    password = "$argon2id$v=19$m=65536,t=3,p=4$…"   # "": signs in through the identity provider only
    changed = "2026-05-12T09:30:00+00:00"   # when the password was set: older sessions end

Why a file beside the store and not the graph store itself: every viewer can read the whole graph (the
Cypher console, the RDF and CSV exports), the store may be a Neo4j database shared with researchers,
and the graph is rebuilt from documents at will (``edugraph stop``, a fresh ingest, ``store.clear()``);
accounts must survive all of that and be readable by nobody else. The file is written atomically with
mode 0600, under a lock, so two ``edugraph user`` commands never lose each other's change.

The role ladder: ``viewer`` (every page, read only) < ``editor`` (uploads and the review page's
judgements) < ``admin`` (also accounts). No file, or one with no account, means no accounts: the dashboard
is then served to this machine only (see :mod:`graph.serve`).

This module never imports Streamlit: the dashboard (``ui/auth.py``) keeps one :class:`Sessions` and one
:class:`SignInThrottle` per data directory in its process.
"""

from __future__ import annotations

import fcntl
import functools
import json
import os
import re
import secrets
import sys
import threading
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

FILE_NAME = "users.toml"
ROLES = ("viewer", "editor", "admin")
ROLE_RU = {"viewer": "читатель", "editor": "редактор", "admin": "администратор"}
LOGIN_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._@-]{0,63}$")
MIN_PASSWORD = 8
DEFAULT_IDLE_MINUTES = 30
DEFAULT_MAX_HOURS = 12

# RFC 9106's second recommended profile (argon2-cffi's default): Argon2id, 64 MiB, 3 passes, 4 lanes
_HASHER = PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """Verified when the login is unknown, so that an unknown login costs as much time as a wrong password."""
    return _HASHER.hash(secrets.token_hex(16))


class AccountError(Exception):
    """An account that cannot be added, changed or read; the message is one line for the user."""


@dataclass(frozen=True)
class Account:
    login: str
    role: str
    name: str = ""
    password: str = field(default="", repr=False)  # the Argon2 hash, never the password
    changed: str = ""

    def may(self, role: str) -> bool:
        """True when this account's role is ``role`` or above it."""
        return rank(self.role) >= rank(role)

    @property
    def single_sign_on(self) -> bool:
        """No password: signs in through the identity provider only."""
        return not self.password

    @property
    def title(self) -> str:
        return self.name or self.login


@dataclass(frozen=True)
class Settings:
    idle_minutes: float = DEFAULT_IDLE_MINUTES
    max_hours: float = DEFAULT_MAX_HOURS


def rank(role: str) -> int:
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r} (one of: {', '.join(ROLES)})")
    return ROLES.index(role)


def users_path(data_dir: str | Path) -> Path:
    return Path(data_dir) / FILE_NAME


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# ------------------------------------------------------------------------------------------ the file

def _read(data_dir: str | Path) -> tuple[dict[str, Account], Settings]:
    path = users_path(data_dir)
    if not path.is_file():
        return {}, Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise AccountError(f"{path}: cannot read the accounts ({exc})") from exc
    accounts: dict[str, Account] = {}
    for login, entry in (data.get("users") or {}).items():
        if not isinstance(entry, dict) or entry.get("role") not in ROLES:
            raise AccountError(f"{path}: account {login!r} has no valid role (one of: {', '.join(ROLES)})")
        accounts[login] = Account(login=login, role=entry["role"], name=str(entry.get("name") or ""),
                                  password=str(entry.get("password") or ""), changed=str(entry.get("changed") or ""))
    sessions = data.get("sessions") or {}
    try:
        settings = Settings(idle_minutes=float(sessions.get("idle_minutes", DEFAULT_IDLE_MINUTES)),
                            max_hours=float(sessions.get("max_hours", DEFAULT_MAX_HOURS)))
    except (TypeError, ValueError) as exc:
        raise AccountError(f"{path}: [sessions] needs numbers ({exc})") from exc
    return accounts, settings


def read_accounts(data_dir: str | Path) -> dict[str, Account]:
    """The accounts by login; empty when there is no ``users.toml``."""
    return _read(data_dir)[0]


def read_settings(data_dir: str | Path) -> Settings:
    return _read(data_dir)[1]


def accounts_exist(data_dir: str | Path) -> bool:
    return bool(read_accounts(data_dir))


def _toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def render(accounts: dict[str, Account], settings: Settings) -> str:
    lines = ["# edugraph's dashboard accounts: change them with `edugraph user …`, not by hand.",
             "# Passwords are Argon2id hashes. Keep this file out of any repository (mode 0600).", "",
             "[sessions]", f"idle_minutes = {settings.idle_minutes:g}", f"max_hours = {settings.max_hours:g}"]
    for login in sorted(accounts):
        account = accounts[login]
        lines += ["", f"[users.{_toml_string(login)}]", f"role = {_toml_string(account.role)}",
                  f"name = {_toml_string(account.name)}", f"password = {_toml_string(account.password)}",
                  f"changed = {_toml_string(account.changed)}"]
    return "\n".join(lines) + "\n"


def _write(data_dir: str | Path, accounts: dict[str, Account], settings: Settings) -> None:
    """The whole file, atomically (a temporary file renamed over it), readable by its owner only."""
    path = users_path(data_dir)
    tmp = path.with_name(path.name + ".tmp")
    descriptor = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(render(accounts, settings))
        out.flush()
        os.fsync(out.fileno())
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


@contextmanager
def _locked(data_dir: str | Path):
    """An exclusive lock on the accounts for a read-modify-write (two commands never lose a change)."""
    folder = Path(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / (FILE_NAME + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _change(data_dir: str | Path, work: Callable[[dict[str, Account]], Account | None]) -> Account | None:
    with _locked(data_dir):
        accounts, settings = _read(data_dir)
        result = work(accounts)
        _write(data_dir, accounts, settings)
        return result


# -------------------------------------------------------------------------------------- passwords

def check_login(login: str) -> str:
    login = login.strip().lower()
    if not LOGIN_PATTERN.match(login):
        raise AccountError(f"{login!r} is not a valid login: 1–64 of a–z, 0–9 and . _ @ - , starting with a letter "
                           "or digit")
    return login


def check_password(password: str, login: str = "") -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"the password is too short: at least {MIN_PASSWORD} characters")
    if login and password.strip().lower() == login:
        raise AccountError("the password must not be the login")


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def password_matches(password_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


# -------------------------------------------------------------------------------------- changes

def add_account(data_dir: str | Path, login: str, password: str | None, role: str, name: str = "") -> Account:
    """A new account; ``password=None`` makes one that signs in only through the organisation's identity
    provider (Streamlit's ``st.login``), its login being the e-mail address the provider gives."""
    login = check_login(login)
    rank(role)
    if password is not None:
        check_password(password, login)
    hashed = hash_password(password) if password is not None else ""
    account = Account(login=login, role=role, name=name.strip(), password=hashed, changed=now_iso())

    def work(accounts: dict[str, Account]) -> Account:
        if login in accounts:
            raise AccountError(f"{login}: the account exists already (`edugraph user passwd` or `user role`)")
        accounts[login] = account
        return account

    return _change(data_dir, work)


def _existing(accounts: dict[str, Account], login: str) -> Account:
    if login not in accounts:
        raise AccountError(f"{login}: no such account")
    return accounts[login]


def _keeps_an_admin(accounts: dict[str, Account], without: str) -> bool:
    others = {k: a for k, a in accounts.items() if k != without}
    return not others or any(a.role == "admin" for a in others.values())


def set_password(data_dir: str | Path, login: str, password: str) -> Account:
    """A new password; every session of the account opened before it ends."""
    login = login.strip().lower()
    check_password(password, login)
    hashed = hash_password(password)

    def work(accounts: dict[str, Account]) -> Account:
        accounts[login] = replace(_existing(accounts, login), password=hashed, changed=now_iso())
        return accounts[login]

    return _change(data_dir, work)


def set_role(data_dir: str | Path, login: str, role: str) -> Account:
    login = login.strip().lower()
    rank(role)

    def work(accounts: dict[str, Account]) -> Account:
        account = _existing(accounts, login)
        if account.role == "admin" and role != "admin" and not _keeps_an_admin(accounts, login):
            raise AccountError(f"{login} is the last admin: make another admin first")
        accounts[login] = replace(account, role=role)
        return accounts[login]

    return _change(data_dir, work)


def remove_account(data_dir: str | Path, login: str) -> Account:
    login = login.strip().lower()

    def work(accounts: dict[str, Account]) -> Account:
        account = _existing(accounts, login)
        if account.role == "admin" and not _keeps_an_admin(accounts, login):
            raise AccountError(f"{login} is the last admin while other accounts remain: make another admin first")
        del accounts[login]
        return account

    return _change(data_dir, work)


def authenticate(data_dir: str | Path, login: str, password: str) -> Account | None:
    """The account when the password is its own, else None; an unknown login takes as long as a wrong password.
    A hash made with weaker parameters than today's is replaced on success."""
    login = login.strip().lower()
    account = read_accounts(data_dir).get(login)
    if account is None or not account.password:
        password_matches(_dummy_hash(), password)
        return None
    if not password_matches(account.password, password):
        return None
    if _HASHER.check_needs_rehash(account.password):
        try:
            rehashed = hash_password(password)
            _change(data_dir, lambda accounts: accounts.__setitem__(login, replace(accounts[login], password=rehashed)))
            return replace(account, password=rehashed)
        except (OSError, KeyError):
            pass  # the old hash still works; the next sign-in tries again
    return account


# -------------------------------------------------------------------------------------- sessions

@dataclass
class Session:
    login: str
    opened: float
    seen: float
    password: str  # the hash at sign-in: a new password ends the session


class Sessions:
    """Signed-in sessions of one server process, by an unguessable token.

    A session ends when unused for ``idle`` seconds, ``lifetime`` seconds after sign-in, on sign-out, and as
    soon as its account is removed or its password changed. The account (and so its role) is read afresh on
    every :meth:`account` call, so a role taken away is taken away at once, in the middle of a session.
    """

    def __init__(self, clock: Callable[[], float] = time.time):
        self._clock = clock
        self._lock = threading.Lock()
        self._open: dict[str, Session] = {}

    def open(self, account: Account) -> str:
        token = secrets.token_urlsafe(32)
        moment = self._clock()
        with self._lock:
            self._open[token] = Session(account.login, moment, moment, account.password)
        return token

    def close(self, token: str | None) -> None:
        with self._lock:
            self._open.pop(token or "", None)

    def account(self, data_dir: str | Path, token: str | None, touch: bool = True) -> tuple[Account | None, str]:
        """(the account, "") for a live session; (None, why) otherwise: "none", "expired", "ended"."""
        if not token:
            return None, "none"
        settings = read_settings(data_dir)
        moment = self._clock()
        with self._lock:
            session = self._open.get(token)
            if session is None:
                return None, "none"
            if moment - session.seen > settings.idle_minutes * 60 or moment - session.opened > settings.max_hours * 3600:
                del self._open[token]
                return None, "expired"
            account = read_accounts(data_dir).get(session.login)
            if account is None or account.password != session.password:
                del self._open[token]
                return None, "ended"
            if touch:
                session.seen = moment
            return account, ""

    def __len__(self) -> int:
        return len(self._open)


# -------------------------------------------------------------------------------------- throttling

@dataclass
class _Failures:
    count: int = 0
    last: float = 0.0


class SignInThrottle:
    """Failed sign-ins slow the next ones down, per login and per client address.

    The first ``free`` failures of a key cost nothing more than the hash itself; after that each attempt
    must wait ``2 ** (failures - free + 1)`` seconds after the last failure (2, 4, 8, … up to
    ``max_delay``); an attempt made earlier is refused without looking at the password (so it reveals
    nothing and does not count). A key is forgotten ``forget_after`` seconds after its last failure; a
    successful sign-in clears the login's count (not the address's: one good account must not launder
    guesses at others). Kept in the server's memory: a restart forgets it.
    """

    def __init__(self, free_per_login: int = 3, free_per_address: int = 10, max_delay: float = 900.0,
                 forget_after: float = 900.0, clock: Callable[[], float] = time.monotonic):
        self.free = {"login": free_per_login, "address": free_per_address}
        self.max_delay = max_delay
        self.forget_after = forget_after
        self._clock = clock
        self._lock = threading.Lock()
        self._failures: dict[tuple[str, str], _Failures] = {}

    @staticmethod
    def keys(login: str, address: str | None) -> list[tuple[str, str]]:
        return [("login", login.strip().lower()), ("address", address or "local")]

    def delay_after(self, kind: str, count: int) -> float:
        excess = count - self.free[kind]
        return 0.0 if excess < 0 else float(min(self.max_delay, 2 ** (excess + 1)))

    def wait_seconds(self, keys: Iterable[tuple[str, str]]) -> float:
        """How long until an attempt for these keys is allowed (0: now)."""
        moment = self._clock()
        wait = 0.0
        with self._lock:
            for key in keys:
                failures = self._failures.get(key)
                if failures is None:
                    continue
                if moment - failures.last > max(self.forget_after, self.delay_after(key[0], failures.count)):
                    del self._failures[key]
                    continue
                wait = max(wait, failures.last + self.delay_after(key[0], failures.count) - moment)
        return max(0.0, wait)

    def failed(self, keys: Iterable[tuple[str, str]]) -> None:
        moment = self._clock()
        with self._lock:
            for key in keys:
                failures = self._failures.setdefault(key, _Failures())
                failures.count += 1
                failures.last = moment

    def succeeded(self, keys: Iterable[tuple[str, str]]) -> None:
        with self._lock:
            for key in keys:
                if key[0] == "login":
                    self._failures.pop(key, None)

    def failures(self, key: tuple[str, str]) -> int:
        with self._lock:
            return self._failures[key].count if key in self._failures else 0
