"""The named Cypher queries of ``queries/*.cypher``: listing, reading, running.

Each file starts with comment lines::

    // title: Staff of an organisation
    // answers: Who holds which post in a school …?
    // params: org (string) — the organisation's id, or a part of its name
    // params: limit (int, default 20) — how many rows

(``// params: none`` when there are none; other comment lines are notes) and
then the query, written in the Cypher subset both stores run.  Parameters come
from the command line as strings and are converted by their declared type:
``string``, ``int``, ``float`` or ``bool``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from graph.resources import queries_dir as queries_dir_shipped
from graph.store import QueryError, QueryResult, Store

PARAM_TYPES = ("string", "int", "float", "bool")
_HEADER = re.compile(r"^//\s*(title|answers|params)\s*:\s*(.*)$")
_PARAM = re.compile(r"^(?P<name>\w+)\s*\((?P<type>\w+)(?:\s*,\s*default\s+(?P<default>[^)]*))?\)\s*(?:[—–-]+\s*(?P<meaning>.*))?$")
_TRUE = {"true", "yes", "1", "on"}
_FALSE = {"false", "no", "0", "off"}


class QueryDefinitionError(Exception):
    """A .cypher file whose header cannot be read; the message names the file."""


class ParameterError(QueryError):
    """A missing, unknown or malformed parameter of a named query."""


@dataclass(frozen=True)
class QueryParam:
    name: str
    type: str
    meaning: str = ""
    default: str | None = None  # as written (a string), converted like a given value

    @property
    def required(self) -> bool:
        return self.default is None


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    answers: str
    params: tuple[QueryParam, ...]
    text: str
    path: Path


def parse_param(spec: str, path: Path) -> QueryParam:
    """One ``name (type[, default VALUE]) — meaning`` declaration."""
    found = _PARAM.match(spec.strip())
    if not found:
        raise QueryDefinitionError(f"{path}: cannot read the parameter declaration {spec!r}")
    if found["type"] not in PARAM_TYPES:
        raise QueryDefinitionError(f"{path}: parameter {found['name']} has unknown type {found['type']!r} "
                                   f"(expected {', '.join(PARAM_TYPES)})")
    default = found["default"]
    if default is not None:
        default = default.strip().strip('"').strip("'")
    return QueryParam(found["name"], found["type"], (found["meaning"] or "").strip(), default)


def parse_query_file(path: Path) -> NamedQuery:
    """A named query from its file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryDefinitionError(f"{path}: cannot read the query ({exc})") from exc
    header: dict[str, str] = {}
    params: list[QueryParam] = []
    for line in text.splitlines():
        if not line.startswith("//"):
            if line.strip():
                break  # the header ends at the first line of Cypher
            continue
        found = _HEADER.match(line)
        if not found:
            continue  # a note
        key, value = found.groups()
        if key == "params":
            if value.strip().lower() != "none":
                params.append(parse_param(value, path))
        else:
            header[key] = value.strip()
    for key in ("title", "answers"):
        if not header.get(key):
            raise QueryDefinitionError(f"{path}: the header has no '// {key}:' line")
    return NamedQuery(path.stem, header["title"], header["answers"], tuple(params), text, path)


def list_queries(queries_dir: Path | None = None) -> list[NamedQuery]:
    """Every named query, by name (the shipped ones unless another folder is given)."""
    return [parse_query_file(path) for path in sorted((queries_dir or queries_dir_shipped()).glob("*.cypher"))]


def get_query(name: str, queries_dir: Path | None = None) -> NamedQuery:
    """The named query ``name``; :class:`ParameterError` naming the known ones when there is none."""
    path = (queries_dir or queries_dir_shipped()) / f"{name}.cypher"
    if not path.is_file():
        known = ", ".join(query.name for query in list_queries(queries_dir))
        raise ParameterError(f"no query named {name!r} (known: {known})")
    return parse_query_file(path)


def convert_param(param: QueryParam, raw: str) -> str | int | float | bool:
    """A parameter string converted to its declared type."""
    try:
        if param.type == "int":
            return int(raw)
        if param.type == "float":
            return float(raw)
    except ValueError:
        raise ParameterError(f"parameter {param.name}: {raw!r} is not a{'n' if param.type == 'int' else ''} "
                             f"{param.type}") from None
    if param.type == "bool":
        if raw.lower() in _TRUE:
            return True
        if raw.lower() in _FALSE:
            return False
        raise ParameterError(f"parameter {param.name}: {raw!r} is not a bool (true/false)")
    return raw


def bind_params(query: NamedQuery, given: dict[str, str]) -> dict[str, str | int | float | bool]:
    """The query's parameters from strings: every declared one given or defaulted, none unknown."""
    declared = {param.name: param for param in query.params}
    unknown = sorted(set(given) - declared.keys())
    if unknown:
        expected = ", ".join(declared) or "none"
        raise ParameterError(f"query {query.name}: unknown parameter(s) {', '.join(unknown)} (expected: {expected})")
    bound: dict[str, str | int | float | bool] = {}
    for name, param in declared.items():
        if name in given:
            bound[name] = convert_param(param, given[name])
        elif param.default is not None:
            bound[name] = convert_param(param, param.default)
        else:
            raise ParameterError(f"query {query.name}: missing parameter {name} ({param.type}) — {param.meaning}")
    return bound


def run_named(store: Store, name: str, params: dict[str, str] | None = None,
              queries_dir: Path | None = None) -> QueryResult:
    """Run a named query read-only with parameters given as strings, within the console's limits; in the store's
    own variant (queries/backends/<backend>/) where there is one and it applies (:data:`VARIANT_PARAMS`)."""
    query = get_query(name, queries_dir)
    bound = bind_params(query, params or {})
    variant = (queries_dir or queries_dir_shipped()) / "backends" / store.backend / f"{name}.cypher"
    derived = VARIANT_PARAMS[name](store.backend, bound) if name in VARIANT_PARAMS and variant.is_file() else None
    if derived is None:
        return store.console_query(query.text, bound)
    return store.console_query(parse_query_file(variant).text, {**bound, **derived})


MIN_INDEXED_WORD = 4  # shorter words expand to too many terms in FalkorDB's index (it stops at 200)


def name_search_params(backend: str, bound: dict) -> dict | None:
    """search_by_name through the full-text index: its longest word as a prefix (the index gives the candidates),
    the whole text as ``$needle`` (checked on each); None — the scan — when no word is long enough."""
    from graph.store import fulltext_labels
    from graph.store.search import normalised_name

    needle = normalised_name(str(bound["text"]))
    words = sorted(re.findall(r"\w+", needle), key=len, reverse=True)
    if not words or len(words[0]) < MIN_INDEXED_WORD:
        return None
    return {"needle": needle, "fulltext": words[0] + "*", "labels": fulltext_labels()}


VARIANT_PARAMS = {"search_by_name": name_search_params}


# --- output ---------------------------------------------------------------------------------------------------------

OUTPUT_FORMATS = ("table", "csv", "json")
TABLE_CELL_WIDTH = 60


def _json_default(value: object) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def cell_text(value: object) -> str:
    """A value as one cell of text: strings as they are, structures as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=_json_default)
    return _json_default(value) if hasattr(value, "isoformat") else str(value)


def render_table(result: QueryResult, width: int = TABLE_CELL_WIDTH) -> str:
    """An aligned text table, long cells cut to ``width`` characters."""
    def cut(text: str) -> str:
        text = " ".join(text.split())
        return text if len(text) <= width else text[: width - 1] + "…"

    cells = [[cut(cell_text(v)) for v in row] for row in result.rows]
    widths = [max([len(name)] + [len(row[i]) for row in cells]) for i, name in enumerate(result.columns)]
    lines = ["  ".join(name.ljust(w) for name, w in zip(result.columns, widths, strict=True)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(text.ljust(w) for text, w in zip(row, widths, strict=True)) for row in cells]
    lines.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''}, {result.elapsed_ms:.1f} ms)")
    return "\n".join(lines)


def render_csv(result: QueryResult) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(result.columns)
    writer.writerows([cell_text(v) for v in row] for row in result.rows)
    return out.getvalue().rstrip("\n")  # the caller prints the last line break


def render_json(result: QueryResult) -> str:
    """One JSON array of objects keyed by column."""
    return json.dumps(result.records(), ensure_ascii=False, indent=1, default=_json_default)


def render_result(result: QueryResult, fmt: str) -> str:
    """The result in one of :data:`OUTPUT_FORMATS`."""
    renderers = {"table": render_table, "csv": render_csv, "json": render_json}
    return renderers[fmt](result)
