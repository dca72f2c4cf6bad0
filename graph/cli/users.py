"""Accounts of the dashboard: ``user add|remove|passwd|role|list``.

Passwords are asked twice on the terminal, or read as one line from standard input with
``--password-stdin`` (for scripts); never taken as an argument, which every user of the machine could
read in the process list.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from graph.cli.common import add_data_dir, data_dir


def cli_user() -> str:
    """Who made a change on the command line, as the change record names them."""
    try:
        return f"{getpass.getuser()}@cli"
    except (KeyError, OSError):
        return "cli"


def _password(args: argparse.Namespace) -> str:
    from graph.accounts import AccountError

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        if not sys.stdin.isatty():
            raise AccountError("no terminal to ask the password on: pass --password-stdin and give it on stdin")
        password = getpass.getpass("password: ")
        if getpass.getpass("again: ") != password:
            raise AccountError("the two passwords differ")
    return password


def _record(args: argparse.Namespace, action: str, **details) -> None:
    from graph.audit import record

    record(data_dir(args), cli_user(), action, **details)


def cmd_user_add(args: argparse.Namespace) -> int:
    """Create an account (the first one is the first admin: `--role admin`)."""
    from graph.accounts import ROLE_RU, add_account, read_accounts, users_path

    first = not read_accounts(data_dir(args))
    password = None if args.oidc else _password(args)
    account = add_account(data_dir(args), args.login, password, args.role, args.name)
    _record(args, "account_add", login=account.login, given_role=account.role)
    print(f"{account.login}: {account.role} ({ROLE_RU[account.role]}) added to {users_path(data_dir(args))}")
    if first and account.role != "admin":
        print("note: there is no admin yet; accounts are managed here, or by an admin in the dashboard "
              "(`edugraph user add LOGIN --role admin`)", file=sys.stderr)
    return 0


def cmd_user_passwd(args: argparse.Namespace) -> int:
    """Set a new password; the account's open sessions end."""
    from graph.accounts import set_password

    account = set_password(data_dir(args), args.login, _password(args))
    _record(args, "account_passwd", login=account.login)
    print(f"{account.login}: password changed")
    return 0


def cmd_user_role(args: argparse.Namespace) -> int:
    """Give an account another role (it applies at once, in open sessions too)."""
    from graph.accounts import set_role

    account = set_role(data_dir(args), args.login, args.role)
    _record(args, "account_role", login=account.login, given_role=account.role)
    print(f"{account.login}: now {account.role}")
    return 0


def cmd_user_remove(args: argparse.Namespace) -> int:
    """Remove an account; its open sessions end."""
    from graph.accounts import remove_account

    account = remove_account(data_dir(args), args.login)
    _record(args, "account_remove", login=account.login)
    print(f"{account.login}: removed")
    return 0


def cmd_user_list(args: argparse.Namespace) -> int:
    """The accounts: login, role, name, when the password was set."""
    from graph.accounts import read_accounts, users_path

    accounts = read_accounts(data_dir(args))
    for account in sorted(accounts.values(), key=lambda a: (-["viewer", "editor", "admin"].index(a.role), a.login)):
        how = "single sign-on" if account.single_sign_on else "password"
        print(f"{account.login}\t{account.role}\t{account.name}\t{how}\t{account.changed}")
    print(f"{len(accounts)} account(s) in {users_path(data_dir(args))}"
          + ("" if accounts else ": the dashboard is served to this machine only"))
    return 0


def register(sub) -> None:
    from graph.accounts import ROLES

    p = sub.add_parser("user", help="accounts of the dashboard: add, remove, passwd, role, list")
    users = p.add_subparsers(dest="user_command", required=True)

    q = users.add_parser("add", help="create an account (the first admin: --role admin)")
    q.add_argument("login", help="the name to sign in with: a–z, 0–9, . _ @ -")
    q.add_argument("--role", choices=ROLES, required=True,
                   help="viewer: every page, read only; editor: also uploads and judgements; admin: also accounts")
    q.add_argument("--name", default="", help="the person's full name, shown in the dashboard")
    q.add_argument("--oidc", action="store_true",
                   help="no password: signs in through the organisation's identity provider (st.login); "
                        "the login is the e-mail address the provider gives")
    q.set_defaults(func=cmd_user_add)

    q = users.add_parser("passwd", help="set a new password (open sessions of the account end)")
    q.add_argument("login")
    q.set_defaults(func=cmd_user_passwd)

    q = users.add_parser("role", help="give an account another role")
    q.add_argument("login")
    q.add_argument("role", choices=ROLES)
    q.set_defaults(func=cmd_user_role)

    q = users.add_parser("remove", help="remove an account (its open sessions end)")
    q.add_argument("login")
    q.set_defaults(func=cmd_user_remove)

    q = users.add_parser("list", help="list the accounts")
    q.set_defaults(func=cmd_user_list)

    for q in users.choices.values():
        if q.get_default("func") in (cmd_user_add, cmd_user_passwd):
            q.add_argument("--password-stdin", action="store_true",
                           help="read the password as one line from standard input instead of asking twice")
        add_data_dir(q)
