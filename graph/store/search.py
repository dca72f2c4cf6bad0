"""The search text of a node: its name and aliases as one lower-case string, ё written е, quotes and № as spaces.

The loader writes it (``n.search``) on every node; the full-text index of names of each store holds it, and
search_by_name (graph/store/queries.py) looks the words a user types up there, then checks the whole text.
"""

from __future__ import annotations

SEARCH_SPACES = "«»“”„№"


def search_text(node: str) -> str:
    """Cypher for a node's ``search`` property (``node`` is the variable): its name and aliases, normalised."""
    text = f"replace(toLower(reduce(s = {node}.name, a IN coalesce({node}.aliases, []) | s + ' | ' + a)), 'ё', 'е')"
    for mark in SEARCH_SPACES:  # quotes and № part words for the index (FalkorDB's does not split at them)
        text = f"replace({text}, '{mark}', ' ')"
    return text


def normalised_name(text: str) -> str:
    """A text normalised as :func:`search_text` normalises names (lower case, ё as е, quotes and № as spaces)."""
    text = text.lower().replace("ё", "е")
    return "".join(" " if ch in SEARCH_SPACES else ch for ch in text)


def row_search_text(name: str, aliases: list[str]) -> str:
    """What :func:`search_text` makes of a node with this name and these aliases (in their stored order)."""
    return normalised_name(" | ".join([name, *aliases]))
