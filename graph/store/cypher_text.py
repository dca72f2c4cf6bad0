"""Reading a Cypher text without a parser: its parameters, outside string literals and comments (both backends)."""

from __future__ import annotations

import re

PARAM = re.compile(r"\$(?:`([^`]+)`|([A-Za-z_][A-Za-z_0-9]*))")
STRING_OR_COMMENT = re.compile(r"'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\"|//[^\n]*|/\*.*?\*/", re.S)


def missing_params(cypher: str, params: dict) -> list[str]:
    """Parameters the query uses that ``params`` does not give (string literals and comments skipped)."""
    code = STRING_OR_COMMENT.sub("''", cypher)
    used = {quoted or bare for quoted, bare in PARAM.findall(code)}
    return sorted(name for name in used if name not in params)
