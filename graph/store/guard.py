"""What the read-only console and the named queries may not do, checked before a query is sent.

The console is open to every signed-in user, so a query of it must not reach out of the store (``LOAD CSV
FROM 'https://…'`` makes the server connect to any host; APOC's load/import/export and the ``dbms``
procedures read files and other servers) nor build a list too large for memory before any time or memory
limit of the store can act (FalkorDB makes ``range(1, 100000000000)`` whole before looking at the clock).
Time and memory themselves are limited by the store (:class:`graph.store.QueryLimits`).
"""

from __future__ import annotations

import re

from graph.store import QueryRefused

# longest list a literal range() of the console may make: 10 million integers are ~80 MB
MAX_RANGE = 10_000_000

_STRINGS_AND_COMMENTS = re.compile(r"'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\"|//[^\n]*|/\*.*?\*/", re.S)
_OUTBOUND = [
    (re.compile(r"\bLOAD\s+CSV\b", re.I), "LOAD CSV"),
    (re.compile(r"\bapoc\s*\.\s*(load|import|export|http|systemdb|cypher|periodic|trigger)\b", re.I),
     "an APOC procedure that reads or writes outside the graph"),
    (re.compile(r"\bdbms\s*\.", re.I), "a dbms procedure"),
    (re.compile(r"\b(gds|apoc)\s*\.\s*\w*\s*\.\s*(write|stream\s*\.\s*write)", re.I), "a procedure that writes"),
]
_RANGE = re.compile(r"\brange\s*\(", re.I)
_TERM = r"(?:-?\d+|(?:size|length)\s*\([^()]*\))"
# a bound of range(): whole numbers and sizes of lists already made, added or subtracted — FalkorDB makes the
# list whole (memory it does not count) before its clock or memory cap can act, so the size must be known here
_BOUND = re.compile(rf"^\s*{_TERM}(?:\s*[-+]\s*{_TERM})*\s*$", re.I)
_INTEGER = re.compile(r"^\s*-?\d+\s*$")


def code_only(cypher: str) -> str:
    """The query with its string literals and comments emptied (a word inside a string is no clause)."""
    return _STRINGS_AND_COMMENTS.sub("''", cypher)


def _arguments(code: str, start: int) -> list[str]:
    """The top-level arguments of the call whose "(" is at ``start``."""
    depth, parts, begin = 0, [], start + 1
    for at in range(start, len(code)):
        if code[at] in "([{":
            depth += 1
        elif code[at] in ")]}":
            depth -= 1
            if depth == 0:
                return [*parts, code[begin:at]]
        elif code[at] == "," and depth == 1:
            parts.append(code[begin:at])
            begin = at + 1
    return [*parts, code[begin:]]


def _range_refusal(arguments: list[str]) -> str | None:
    """Why a range() may not run in the console, or None."""
    if not 2 <= len(arguments) <= 3 or not all(_BOUND.match(part) for part in arguments):
        return ("range() in the console takes whole numbers or size(…) of a list as its bounds "
                "(a computed bound could ask for more memory than the store checks)")
    if all(_INTEGER.match(part) for part in arguments):
        start, end, *step = (int(part) for part in arguments)
        step_size = step[0] if step else 1
        size = 0 if step_size == 0 else max(0, (end - start) // step_size + 1)
        if size > MAX_RANGE:
            return f"range() of {size:,} numbers is more than the console's {MAX_RANGE:,}"
    return None


def check_console_query(cypher: str) -> None:
    """Raise :class:`QueryRefused` for a console query that reaches out or makes a list too large."""
    code = code_only(cypher)
    for pattern, what in _OUTBOUND:
        if pattern.search(code):
            raise QueryRefused(f"refused: the console does not run {what} — it would make the store reach files "
                               "or hosts outside the graph; nothing was run")
    for found in _RANGE.finditer(code):
        why = _range_refusal(_arguments(code, found.end() - 1))
        if why:
            raise QueryRefused(f"refused: {why}; nothing was run")
