"""The change record: who did what, and when, through the dashboard (and to the accounts).

One JSON object per line in ``DATA_DIR/audit.jsonl``, appended and never rewritten::

    {"at": "2026-05-12T09:31:07+00:00", "user": "ivanova", "role": "editor", "action": "upload",
     "outcome": "ok", "details": {"files": ["приказ.docx"], "loaded": ["d1f0…"], "failed": []}}

``action`` is a change to the graph (:data:`CHANGES`: upload, merge, split, distinct, undo, wrong,
restore, remove), a change to the accounts (:data:`ACCOUNT_CHANGES`), or an access event (:data:`ACCESS`: sign-in,
a failed or slowed-down sign-in, sign-out, an action refused for want of the role). ``outcome`` is
``ok``, ``failed`` (the action ran and raised; ``details.error`` says why) or ``refused``. Passwords are
never recorded. A line cut short by a crash is skipped when reading; each record is one ``write`` of a
file opened for appending, under a lock, so two processes never interleave their lines.
"""

from __future__ import annotations

import fcntl
import json
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

FILE_NAME = "audit.jsonl"
CHANGES = ("upload", "merge", "split", "distinct", "undo", "wrong", "restore", "remove")
ACCOUNT_CHANGES = ("account_add", "account_remove", "account_passwd", "account_role")
ACCESS = ("signin", "signin_failed", "signin_slowed", "signout", "refused")

ACTION_RU = {
    "upload": "загрузка документов", "merge": "объединение («один человек»)", "split": "разделение («разные»)",
    "distinct": "пара отмечена как разные", "undo": "отмена решения", "wrong": "факт отмечен ошибочным", "restore": "факт восстановлен",
    "remove": "документ удалён", "account_add": "учётная запись создана", "account_remove": "учётная запись удалена",
    "account_passwd": "пароль изменён", "account_role": "роль изменена", "signin": "вход",
    "signin_failed": "неудачный вход", "signin_slowed": "вход отложен (много неудачных попыток)",
    "signout": "выход", "refused": "действие отклонено: недостаточно прав",
}
OUTCOME_RU = {"ok": "выполнено", "failed": "ошибка", "refused": "отклонено"}


def audit_path(data_dir: str | Path) -> Path:
    return Path(data_dir) / FILE_NAME


def record(data_dir: str | Path, user: str, action: str, *, role: str = "", outcome: str = "ok",
           **details: Any) -> dict:
    """Append one record; returns it."""
    entry = {"at": datetime.now(timezone.utc).isoformat(timespec="seconds"), "user": user, "role": role,
             "action": action, "outcome": outcome, "details": details}
    line = (json.dumps(entry, ensure_ascii=False, default=str) + "\n").encode("utf-8")
    path = audit_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        size = os.fstat(descriptor).st_size
        if size and os.pread(descriptor, 1, size - 1) != b"\n":
            line = b"\n" + line  # a line cut short by a crash stays alone and does not swallow this one
        os.write(descriptor, line)
        os.fsync(descriptor)
    finally:
        os.close(descriptor)  # closing releases the lock
    return entry


def read_records(data_dir: str | Path, actions: tuple[str, ...] | None = None, user: str | None = None,
                 limit: int | None = None) -> list[dict]:
    """The records, newest first; only these actions / this user when given."""
    path = audit_path(data_dir)
    if not path.is_file():
        return []
    found: list[dict] = []
    with open(path, encoding="utf-8", errors="replace") as lines:
        for line in lines:
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line cut short by a crash
            if not isinstance(entry, dict):
                continue
            if actions is not None and entry.get("action") not in actions:
                continue
            if user is not None and entry.get("user") != user:
                continue
            found.append(entry)
    found.reverse()
    return found[:limit] if limit is not None else found


def changes(data_dir: str | Path, limit: int | None = None) -> list[dict]:
    """The changes to the graph made through the dashboard, newest first (what the review page lists)."""
    return read_records(data_dir, actions=CHANGES, limit=limit)


def local_time(at: str) -> str:
    try:
        return datetime.fromisoformat(at).astimezone().strftime("%d.%m.%Y %H:%M:%S")
    except (TypeError, ValueError):
        return str(at)


def rows_ru(entries: list[dict]) -> list[dict]:
    """Records as table rows with Russian headings' keys: when, who, what, outcome, details."""
    rows = []
    for entry in entries:
        details = entry.get("details") or {}
        rows.append({
            "when": local_time(entry.get("at", "")),
            "who": entry.get("user", ""),
            "what": ACTION_RU.get(entry.get("action", ""), entry.get("action", "")),
            "outcome": OUTCOME_RU.get(entry.get("outcome", ""), entry.get("outcome", "")),
            "details": "; ".join(f"{k}: {', '.join(map(str, v)) if isinstance(v, list) else v}"
                                 for k, v in details.items() if v not in (None, "", [])),
        })
    return rows
