"""Accounts, sessions, the sign-in throttle and the change record (graph/accounts.py, graph/audit.py), the
`edugraph user` and `edugraph serve` commands, the author kept with a judgement, and the dashboard's gate and
role checks (ui/auth.py) through Streamlit's AppTest."""

from __future__ import annotations

import io
import json
import os
import stat
import sys
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph import accounts as acc
from graph import audit
from graph.cli import main
from graph.serve import ServeRefused, is_loopback, refuse_open_network

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "верный-пароль-1"


class Clock:
    def __init__(self, start: float = 1000.0):
        self.now = start

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def folder(tmp_path):
    return tmp_path / "data"


# ------------------------------------------------------------------------------------------ accounts

def test_a_password_is_kept_as_an_argon2id_hash_in_a_file_only_its_owner_reads(folder):
    acc.add_account(folder, "Ivanova", PASSWORD, "editor", "Иванова Анна Петровна")
    text = acc.users_path(folder).read_text(encoding="utf-8")
    assert PASSWORD not in text and "$argon2id$" in text
    assert stat.S_IMODE(os.stat(acc.users_path(folder)).st_mode) == 0o600
    account = acc.read_accounts(folder)["ivanova"]  # logins are lower case
    assert (account.role, account.name) == ("editor", "Иванова Анна Петровна")
    assert PASSWORD not in repr(account)
    assert acc.authenticate(folder, "IVANOVA ", PASSWORD).login == "ivanova"
    assert acc.authenticate(folder, "ivanova", "неверный-пароль") is None
    assert acc.authenticate(folder, "nobody", PASSWORD) is None


def test_bad_accounts_are_refused_with_a_reason(folder):
    with pytest.raises(acc.AccountError, match="too short"):
        acc.add_account(folder, "a", "short", "viewer")
    with pytest.raises(acc.AccountError, match="not a valid login"):
        acc.add_account(folder, "имя пользователя", PASSWORD, "viewer")
    with pytest.raises(acc.AccountError, match="unknown role"):
        acc.add_account(folder, "a", PASSWORD, "superuser")
    acc.add_account(folder, "a", PASSWORD, "admin")
    with pytest.raises(acc.AccountError, match="exists already"):
        acc.add_account(folder, "a", PASSWORD, "viewer")
    acc.add_account(folder, "b", PASSWORD, "viewer")
    with pytest.raises(acc.AccountError, match="last admin"):
        acc.remove_account(folder, "a")
    with pytest.raises(acc.AccountError, match="last admin"):
        acc.set_role(folder, "a", "editor")
    acc.set_role(folder, "b", "admin")
    acc.remove_account(folder, "a")
    assert list(acc.read_accounts(folder)) == ["b"]


def test_roles_are_a_ladder():
    viewer, editor, admin = (acc.Account("x", role) for role in acc.ROLES)
    assert viewer.may("viewer") and not viewer.may("editor")
    assert editor.may("editor") and not editor.may("admin")
    assert admin.may("viewer") and admin.may("editor") and admin.may("admin")


def test_no_file_means_no_accounts_and_a_broken_file_is_an_error(folder):
    assert not acc.accounts_exist(folder)
    folder.mkdir(parents=True)
    acc.users_path(folder).write_text("[users.x]\nrole = 'king'\n", encoding="utf-8")
    with pytest.raises(acc.AccountError, match="no valid role"):
        acc.accounts_exist(folder)


# ------------------------------------------------------------------------------------------ sessions

def test_a_session_ends_when_idle_too_long_or_open_too_long(folder):
    acc.add_account(folder, "a", PASSWORD, "viewer")
    clock = Clock()
    sessions = acc.Sessions(clock=clock)
    account = acc.authenticate(folder, "a", PASSWORD)
    token = sessions.open(account)
    assert sessions.account(folder, token)[0].login == "a"
    clock.now += 29 * 60
    assert sessions.account(folder, token)[0] is not None  # used: the idle time starts again
    clock.now += 31 * 60
    assert sessions.account(folder, token) == (None, "expired")
    assert sessions.account(folder, token) == (None, "none")  # gone for good
    token = sessions.open(account)
    for _ in range(12 * 4 + 1):  # used every quarter of an hour, for over twelve hours
        clock.now += 15 * 60
        found, why = sessions.account(folder, token)
    assert (found, why) == (None, "expired")
    assert sessions.account(folder, "forged-token") == (None, "none")


def test_a_new_password_or_a_removal_ends_the_sessions_and_a_new_role_applies_at_once(folder):
    acc.add_account(folder, "boss", PASSWORD, "admin")
    acc.add_account(folder, "a", PASSWORD, "editor")
    sessions = acc.Sessions()
    token = sessions.open(acc.authenticate(folder, "a", PASSWORD))
    acc.set_role(folder, "a", "viewer")
    assert sessions.account(folder, token)[0].role == "viewer"
    acc.set_password(folder, "a", "другой-пароль-2")
    assert sessions.account(folder, token) == (None, "ended")
    token = sessions.open(acc.authenticate(folder, "a", "другой-пароль-2"))
    acc.remove_account(folder, "a")
    assert sessions.account(folder, token) == (None, "ended")


# ------------------------------------------------------------------------------------------ throttle

def test_failed_sign_ins_are_slowed_down_per_login_and_per_address():
    clock = Clock()
    throttle = acc.SignInThrottle(clock=clock)
    keys = throttle.keys("ivanova", "10.0.0.7")
    waits = []
    for _ in range(5):
        assert throttle.wait_seconds(keys) == 0 or waits
        throttle.failed(keys)
        waits.append(throttle.wait_seconds(keys))
    assert waits == [0, 0, 2, 4, 8]  # three free, then doubling
    clock.now += 7
    assert throttle.wait_seconds(keys) == pytest.approx(1)  # a try now is refused (and does not count)
    clock.now += 1
    assert throttle.wait_seconds(keys) == 0
    # another login from the same address is not slowed yet (ten free per address) ...
    assert throttle.wait_seconds(throttle.keys("petrov", "10.0.0.7")) == 0
    # ... the same login from another address is
    clock.now -= 1
    assert throttle.wait_seconds(throttle.keys("ivanova", "10.0.0.8")) > 0
    clock.now += 1
    throttle.succeeded(keys)
    assert throttle.failures(("login", "ivanova")) == 0 and throttle.failures(("address", "10.0.0.7")) == 5


def test_spraying_many_logins_from_one_address_is_slowed_too_and_failures_are_forgotten():
    clock = Clock()
    throttle = acc.SignInThrottle(clock=clock)
    for number in range(11):
        throttle.failed(throttle.keys(f"user{number}", "10.0.0.9"))
    assert throttle.wait_seconds(throttle.keys("someone-else", "10.0.0.9")) == 4
    clock.now += 16 * 60
    assert throttle.wait_seconds(throttle.keys("someone-else", "10.0.0.9")) == 0
    many = acc.SignInThrottle(clock=clock)
    for _ in range(40):
        many.failed(many.keys("x", None))
    assert many.wait_seconds(many.keys("x", None)) == many.max_delay  # capped at 15 minutes


# ------------------------------------------------------------------------------------------ change record

def test_the_change_record_keeps_who_what_when_newest_first_and_survives_a_torn_line(folder):
    audit.record(folder, "ivanova", "upload", role="editor", files=["приказ.docx"], loaded=["d1"])
    with open(audit.audit_path(folder), "a", encoding="utf-8") as torn:
        torn.write('{"at": "2026-')  # a crash in the middle of a line
    audit.record(folder, "petrov", "signin", role="viewer")
    audit.record(folder, "ivanova", "merge", role="editor", keep="p1", drop="p2")
    entries = audit.read_records(folder)
    assert [e["action"] for e in entries] == ["merge", "signin", "upload"]
    assert [e["action"] for e in audit.changes(folder)] == ["merge", "upload"]
    assert entries[-1]["user"] == "ivanova" and entries[-1]["details"]["files"] == ["приказ.docx"]
    assert entries[-1]["at"].endswith("+00:00")
    rows = audit.rows_ru(audit.changes(folder))
    assert rows[0]["what"] == "объединение («один человек»)" and rows[0]["who"] == "ivanova"
    assert stat.S_IMODE(os.stat(audit.audit_path(folder)).st_mode) == 0o600


# ------------------------------------------------------------------------------------------ commands

def run_cli(monkeypatch, argv: list[str], stdin: str = "") -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return main(argv)


def test_user_commands(folder, monkeypatch, capsys):
    d = ["--data-dir", str(folder)]
    assert run_cli(monkeypatch, ["user", "list", *d]) == 0
    assert "served to this machine only" in capsys.readouterr().out
    assert run_cli(monkeypatch, ["user", "add", "boss", "--role", "admin", "--password-stdin", *d], PASSWORD + "\n") == 0
    assert run_cli(monkeypatch, ["user", "add", "ann", "--role", "viewer", "--name", "Анна", "--password-stdin", *d],
                   "пароль-анны-1\n") == 0
    assert run_cli(monkeypatch, ["user", "role", "ann", "editor", *d]) == 0
    assert run_cli(monkeypatch, ["user", "passwd", "ann", "--password-stdin", *d], "новый-пароль-2\n") == 0
    capsys.readouterr()
    assert run_cli(monkeypatch, ["user", "list", *d]) == 0
    out = capsys.readouterr().out
    assert "boss\tadmin" in out and "ann\teditor\tАнна" in out and "2 account(s)" in out
    assert acc.authenticate(folder, "ann", "новый-пароль-2") is not None
    assert run_cli(monkeypatch, ["user", "add", "x", "--role", "viewer", "--password-stdin", *d], "short\n") == 2
    assert run_cli(monkeypatch, ["user", "remove", "boss", *d]) == 2  # the last admin
    assert "last admin" in capsys.readouterr().err
    assert run_cli(monkeypatch, ["user", "passwd", "ann", *d]) == 2  # no terminal and no --password-stdin
    assert run_cli(monkeypatch, ["user", "remove", "ann", *d]) == 0
    actions = [(e["action"], e["details"].get("login")) for e in audit.read_records(folder)]
    assert actions == [("account_remove", "ann"), ("account_passwd", "ann"), ("account_role", "ann"),
                       ("account_add", "ann"), ("account_add", "boss")]
    assert all(e["user"].endswith("@cli") for e in audit.read_records(folder))


def test_serve_binds_other_addresses_only_with_accounts(folder, monkeypatch, capsys):
    assert is_loopback("127.0.0.1") and is_loopback("127.5.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("") and not is_loopback("10.1.2.3")
    assert not is_loopback("school.example")
    refuse_open_network("127.0.0.1", folder)  # a workstation needs no account
    with pytest.raises(ServeRefused, match="no accounts"):
        refuse_open_network("0.0.0.0", folder)
    started = []
    monkeypatch.setattr(os, "execve", lambda *a: started.append(a))
    assert main(["serve", "--address", "0.0.0.0", "--data-dir", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "refusing to serve on 0.0.0.0" in err and "edugraph user add LOGIN --role admin" in err
    assert started == []
    acc.add_account(folder, "boss", PASSWORD, "admin")
    main(["serve", "--address", "0.0.0.0", "--port", "8599", "--data-dir", str(folder)])
    (path, command, _env), = started
    assert command[command.index("--server.address") + 1] == "0.0.0.0"
    assert "HTTPS" in capsys.readouterr().err  # passwords in clear over http are pointed out


# ------------------------------------------------------------------------------------------ judgements

def test_a_judgement_keeps_its_author(tmp_path, monkeypatch):
    from graph.load.judgements import merge, read_judgements, undo
    from graph.store import open_store
    from graph.store.falkor import stop_server

    monkeypatch.delenv("NEO4J_URI", raising=False)
    data_dir = tmp_path / "j"
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Приказ. Наградить Фандину С.А., директора МОУ СОШ р.п. Пинеровка.", encoding="utf-8")
    (docs / "b.txt").write_text("Выступила Фандина С.А.", encoding="utf-8")
    assert main(["ingest", str(docs), "--data-dir", str(data_dir), "--quiet"]) == 0
    store = open_store(data_dir)
    try:
        ids = sorted(r[0] for r in store.query("MATCH (p:Person) WHERE p.family = 'Фандина' RETURN p.id").rows)
        assert len(ids) == 2
        judgement, _ = merge(store, data_dir, ids[0], ids[1], author="ivanova")
        assert read_judgements(data_dir)[0]["author"] == "ivanova" == judgement["author"]
        taken_back, _ = undo(store, data_dir, author="petrov")
        assert taken_back["undone_by"] == "petrov" and taken_back["author"] == "ivanova"
        merge(store, data_dir, ids[0], ids[1])  # without an author: no field (the file stays as it was)
        assert "author" not in read_judgements(data_dir)[0]
    finally:
        store.close()
        stop_server(data_dir)
    assert main(["undo", "--data-dir", str(data_dir)]) == 0
    stop_server(data_dir)


# ------------------------------------------------------------------------------------------ the dashboard

REVIEW_SCRIPT = '''
import streamlit as st
from ui import auth

user = auth.gate([st.Page(lambda: None, title="x", url_path="x", default=True)])
st.title("Проверка")
if auth.allowed("editor"):
    st.button("Один человек", key="merge")
outcome = auth.perform("merge", lambda u: f"merged by {u.login}", keep="p1", drop="p2")
st.success(outcome)
'''


@pytest.fixture
def dashboard(tmp_path, monkeypatch):
    """A data folder with a viewer and an editor, and the dashboard's scripts pointed at it."""
    folder = tmp_path / "dash"
    monkeypatch.setenv("EDUGRAPH_DATA", str(folder))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    acc.add_account(folder, "vi", PASSWORD, "viewer")
    acc.add_account(folder, "ed", PASSWORD, "editor", "Редактор Елена")
    script = tmp_path / "review.py"
    script.write_text(REVIEW_SCRIPT, encoding="utf-8")
    monkeypatch.syspath_prepend(str(ROOT))
    yield folder, script
    from graph.store.falkor import stop_server

    stop_server(folder)  # a page that read the graph started the embedded store


def sign_in(at: AppTest, login: str, password: str = PASSWORD) -> AppTest:
    at.text_input(key="signin_login").input(login)
    at.text_input(key="signin_password").input(password)
    return at.button[0].click().run()


def test_an_anonymous_visitor_gets_the_sign_in_and_nothing_else(dashboard):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Вход в edugraph"]
    assert [w.label for w in at.text_input] == ["Имя пользователя", "Пароль"]
    assert [b.label for b in at.button] == ["Войти"]
    assert not at.sidebar.multiselect  # no filters, no pages
    sign_in(at, "vi", "неверный-пароль")
    assert [e.value for e in at.error] == ["Неверное имя пользователя или пароль."]
    assert at.title[0].value == "Вход в edugraph"


def test_a_viewer_is_refused_the_action_and_an_editor_performs_it_and_is_recorded(dashboard):
    folder, script = dashboard
    at = AppTest.from_file(str(script), default_timeout=60).run()
    assert at.title[0].value == "Вход в edugraph"
    sign_in(at, "vi")
    assert not at.exception
    assert at.title[0].value == "Проверка" and not at.button  # no action shown to a viewer ...
    assert at.error[0].value.startswith("Недостаточно прав")  # ... and refused where it runs
    assert not at.success
    refused = audit.read_records(folder, actions=("refused",))[0]
    assert (refused["user"], refused["details"]["attempted"], refused["outcome"]) == ("vi", "merge", "refused")
    assert audit.changes(folder) == []

    at = AppTest.from_file(str(script), default_timeout=60).run()
    sign_in(at, "ed")
    assert [b.label for b in at.button] == ["Один человек"]
    assert at.success[0].value == "merged by ed"
    change = audit.changes(folder)[0]
    assert (change["user"], change["role"], change["action"], change["details"]) == (
        "ed", "editor", "merge", {"keep": "p1", "drop": "p2"})
    signins = [e["user"] for e in audit.read_records(folder, actions=("signin",))]
    assert signins == ["ed", "vi"]


def test_a_role_taken_away_mid_session_is_refused_at_once_and_an_expired_session_signs_out(dashboard):
    folder, script = dashboard
    at = AppTest.from_file(str(script), default_timeout=60).run()
    sign_in(at, "ed")
    assert at.success
    acc.set_role(folder, "ed", "viewer")
    at.run()
    assert at.error[0].value.startswith("Недостаточно прав") and not at.success
    acc.add_account(folder, "admin", PASSWORD, "admin")
    acc.remove_account(folder, "ed")
    at.run()
    assert at.title[0].value == "Вход в edugraph"
    assert "учётная запись изменена или удалена" in at.info[0].value


def test_without_accounts_the_dashboard_is_the_local_users_own(tmp_path, monkeypatch):
    folder = tmp_path / "open"
    monkeypatch.setenv("EDUGRAPH_DATA", str(folder))
    script = tmp_path / "review.py"
    script.write_text(REVIEW_SCRIPT, encoding="utf-8")
    monkeypatch.syspath_prepend(str(ROOT))
    at = AppTest.from_file(str(script), default_timeout=60).run()
    assert not at.exception and at.title[0].value == "Проверка"
    assert at.success[0].value.startswith("merged by ") and at.success[0].value.endswith("@local")
    assert json.loads(audit.audit_path(folder).read_text(encoding="utf-8"))["user"].endswith("@local")


def test_an_admin_manages_accounts_in_the_dashboard_and_others_never_reach_the_page(dashboard):
    folder, _ = dashboard
    acc.add_account(folder, "boss", PASSWORD, "admin", "Администратор")
    app = str(ROOT / "app.py")
    at = sign_in(AppTest.from_file(app, default_timeout=60).run(), "vi")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("ui/accounts.py")  # not among a viewer's pages
    direct = AppTest.from_file(str(ROOT / "ui" / "accounts.py"), default_timeout=60).run()  # run bare, anonymous
    assert direct.error[0].value.startswith("Недостаточно прав") and not direct.title and not direct.text_input
    at = sign_in(AppTest.from_file(app, default_timeout=60).run(), "boss")
    at.switch_page("ui/accounts.py").run()
    assert not at.exception and at.title[0].value == "Учётные записи"
    assert PASSWORD not in str(at.main) and "$argon2" not in str(at.main)
    at.text_input(key="acc_add_login").input("newbie")
    at.text_input(key="acc_add_name").input("Новый Сотрудник")
    at.selectbox(key="acc_add_role").select("editor")
    at.text_input(key="acc_add_pw").input("пароль-новичка")
    at.text_input(key="acc_add_pw2").input("пароль-новичка")
    at.button[0].click().run()
    assert not at.exception
    assert at.success[0].value == "Учётная запись newbie создана."
    assert acc.read_accounts(folder)["newbie"].role == "editor"
    entry = audit.read_records(folder, actions=("account_add",))[0]
    assert (entry["user"], entry["details"]["login"], entry["details"]["given_role"]) == ("boss", "newbie", "editor")
    at.selectbox(key="acc_rm_login").select("boss")
    at.checkbox(key="acc_rm_sure").check()
    next(b for b in at.button if b.label == "Удалить").click().run()
    assert at.error[0].value.startswith("Не выполнено: boss is the last admin")


def test_single_sign_on_maps_the_providers_address_to_an_account_and_its_role(dashboard, monkeypatch):
    import streamlit

    import ui.auth

    folder, script = dashboard
    acc.add_account(folder, "ivanova@school.example", None, "editor", "Иванова")
    assert acc.authenticate(folder, "ivanova@school.example", "") is None  # no password to guess
    identity: dict = {}
    logged_out = []
    monkeypatch.setattr(ui.auth, "oidc_providers", lambda: [])
    monkeypatch.setattr(ui.auth, "_oidc_identity", lambda: dict(identity) if identity else None)
    monkeypatch.setattr(streamlit, "logout", lambda: logged_out.append(True))
    at = AppTest.from_file(str(script), default_timeout=60).run()
    assert [b.label for b in at.button] == ["Войти через единый вход организации", "Войти"]
    identity.update(email="Ivanova@school.example", name="Иванова А.", iat=time.time())
    at.run()
    assert at.success[0].value == "merged by ivanova@school.example"
    assert audit.changes(folder)[0]["user"] == "ivanova@school.example"
    identity.update(iat=time.time() - 13 * 3600)  # issued longer ago than [sessions] max_hours
    at.run()
    assert logged_out and not at.success
    identity.update(email="stranger@school.example", iat=time.time())
    at = AppTest.from_file(str(script), default_timeout=60).run()
    assert "Для адреса stranger@school.example нет учётной записи" in at.info[0].value
    assert [b.label for b in at.button][0] == "Выйти из единого входа" and not at.success


def test_without_accounts_a_visitor_from_another_machine_is_turned_away(tmp_path, monkeypatch):
    import ui.auth

    folder = tmp_path / "open"
    monkeypatch.setenv("EDUGRAPH_DATA", str(folder))
    monkeypatch.setattr(ui.auth, "client_address", lambda: "10.20.30.40")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception and not at.title and not at.sidebar.multiselect
    assert at.error[0].value.startswith("Панель открыта без учётных записей и поэтому доступна только с этого компьютера")
