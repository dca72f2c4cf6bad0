"""Учётные записи (admins only): the accounts of DATA_DIR/users.toml, their roles and passwords, and the
record of sign-ins and changes. Every action checks the admin's role again when it runs and is recorded."""

import streamlit as st

from graph import accounts as acc
from graph import audit
from ui import auth, common

auth.require("admin", "accounts")  # the page is listed for admins only; this refuses anyone else who reaches it
st.title("Учётные записи")
directory = common.data_dir()
accounts = acc.read_accounts(directory)
settings = acc.read_settings(directory)
st.caption(f"Хранятся в {acc.users_path(directory)} (пароли — только в виде хешей Argon2id). "
           f"Сеанс завершается после {settings.idle_minutes:g} мин бездействия и не длится дольше "
           f"{settings.max_hours:g} ч. Из командной строки: `edugraph user add|passwd|role|remove|list`.")
ROLE_HELP = {"viewer": "читатель — все страницы, только просмотр", "editor": "редактор — также загрузка "
             "документов и решения на странице «Проверка»", "admin": "администратор — также учётные записи"}

if st.session_state.get("acc_done"):
    st.success(st.session_state.pop("acc_done"))
rows = [{"login": a.login, "name": a.name, "role": auth.role_ru(a.role), "changed": audit.local_time(a.changed)}
        for a in sorted(accounts.values(), key=lambda a: (-acc.rank(a.role), a.login))]
common.table(rows, {"login": "Имя пользователя", "name": "ФИО", "role": "Роль", "changed": "Пароль задан"},
             key="accounts", file_name="accounts.csv")


def attempt(action: str, work, done: str, **details) -> None:
    """An account change by the signed-in admin: checked, carried out, recorded, reported in Russian."""
    try:
        auth.perform(action, work, role="admin", **details)
    except acc.AccountError as exc:
        st.error(f"Не выполнено: {exc}")
        return
    st.session_state["acc_done"] = done
    st.rerun()  # the table above shows the change


add, role, password, remove = st.tabs(["Новая", "Роль", "Пароль", "Удалить"])
with add, st.form("acc_add", clear_on_submit=True):
    login = st.text_input("Имя пользователя (латиницей: a–z, 0–9, . _ @ -)", key="acc_add_login")
    name = st.text_input("ФИО", key="acc_add_name")
    new_role = st.selectbox("Роль", acc.ROLES, format_func=ROLE_HELP.get, key="acc_add_role")
    first = st.text_input("Пароль (не короче 8 знаков)", type="password", key="acc_add_pw")
    second = st.text_input("Пароль ещё раз", type="password", key="acc_add_pw2")
    if st.form_submit_button("Создать"):
        if first != second:
            st.error("Пароли не совпадают.")
        else:
            attempt("account_add", lambda _user: acc.add_account(directory, login, first, new_role, name),
                    f"Учётная запись {login} создана.", login=login.strip().lower(), given_role=new_role)

logins = sorted(accounts)
with role, st.form("acc_role"):
    who = st.selectbox("Учётная запись", logins, key="acc_role_login")
    given = st.selectbox("Новая роль", acc.ROLES, format_func=ROLE_HELP.get, key="acc_role_role")
    if st.form_submit_button("Изменить роль") and who:
        attempt("account_role", lambda _user: acc.set_role(directory, who, given),
                f"{who}: роль — {auth.role_ru(given)} (действует сразу).", login=who, given_role=given)

with password, st.form("acc_passwd", clear_on_submit=True):
    who = st.selectbox("Учётная запись", logins, key="acc_pw_login")
    first = st.text_input("Новый пароль", type="password", key="acc_pw_new")
    second = st.text_input("Новый пароль ещё раз", type="password", key="acc_pw_new2")
    if st.form_submit_button("Задать пароль") and who:
        if first != second:
            st.error("Пароли не совпадают.")
        else:
            attempt("account_passwd", lambda _user: acc.set_password(directory, who, first),
                    f"{who}: пароль изменён, открытые сеансы завершены.", login=who)

with remove, st.form("acc_remove"):
    who = st.selectbox("Учётная запись", logins, key="acc_rm_login")
    sure = st.checkbox("Да, удалить эту учётную запись", key="acc_rm_sure")
    if st.form_submit_button("Удалить") and who:
        if not sure:
            st.error("Отметьте подтверждение.")
        else:
            attempt("account_remove", lambda _user: acc.remove_account(directory, who),
                    f"Учётная запись {who} удалена.", login=who)

st.subheader("Журнал: входы и изменения")
entries = audit.rows_ru(audit.read_records(directory, limit=500))
if entries:
    common.table(entries, {"when": "Когда", "who": "Кто", "what": "Что", "outcome": "Итог", "details": "Подробности"},
                 key="audit", file_name="audit.csv", height=min(420, 38 + 35 * len(entries)))
else:
    st.caption("Записей пока нет.")
