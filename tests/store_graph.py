"""A small real graph for the store and named-query tests, written with Cypher.

Two seed documents (Балашовский район's order № 642 of 2013 and Алейский
район's resolution of 2016, their real text from data/sample/) and one news
item made for the tests (two schools of different districts at one webinar),
with the people, organisations, events, awards and groups they state.  Every
relationship carries ``sources`` and ``evidence`` pointing at the line of the
document that states it.  Also: helpers to open a store per backend for tests.
"""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import tempfile
from pathlib import Path

import pytest

from graph.store.search import search_text

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"

NEWS_TEXT = (
    "Межрегиональный вебинар «Цифровая школа» прошёл 1 марта 2017 года.\n"
    "В нём приняли участие МОУ СОШ р.п. Пинеровка и МКОУ «Солнечная СОШ».\n"
    "С докладом выступила Фандина Светлана Александровна, директор МОУ СОШ р.п. Пинеровка.\n"
    "Почётной грамотой награждена Фандина С.А.\n"
    "Пичугин В.В. и Кудашова Н.Б. входят в сетевое сообщество учителей информатики.\n"
)

DOCS = {
    "d000": {"kind": "order", "number": "642", "date": "2013-11-07", "title": "Об итогах Дня партнёрского взаимодействия",
             "source": "data/sample/000_2eaf39b14a64d8f7.txt",
             "text": (SAMPLE / "000_2eaf39b14a64d8f7.txt").read_text(encoding="utf-8")},
    "d001": {"kind": "resolution", "date": "2016-06-10", "title": "Решение методической конференции",
             "source": "data/sample/001_7f12b0260ec274a2.txt",
             "text": (SAMPLE / "001_7f12b0260ec274a2.txt").read_text(encoding="utf-8")},
    "dweb": {"kind": "news", "date": "2017-03-01", "title": "Вебинар «Цифровая школа»", "source": "made for the tests",
             "text": NEWS_TEXT},
}

# id → (labels, properties)
NODES: dict[str, tuple[str, dict]] = {
    "reg_sar": ("Region", {"name": "Саратовская область"}),
    "reg_alt": ("Region", {"name": "Алтайский край"}),
    "dist_bal": ("District", {"name": "Балашовский муниципальный район"}),
    "dist_ale": ("District", {"name": "Алейский район"}),
    "org_pin": ("Organization:School", {"name": "МОУ СОШ р.п. Пинеровка", "kind": "school",
                                        "aliases": ["МОУ СОШ р.п.Пинеровка"]}),
    "org_uo": ("Organization:Authority", {
        "name": "Управление образования администрации Балашовского муниципального района", "kind": "authority",
        "aliases": ["управление образования администрации БМР"]}),
    "org_mc": ("Organization:MethodicalService", {
        "name": "Пинеровский межшкольный методический центр информационных технологий",
        "kind": "methodical_service"}),
    "org_sol": ("Organization:School", {"name": "МКОУ «Солнечная СОШ»", "kind": "school",
                                        "aliases": ["Солнечная средняя школа"]}),
    "org_perv": ("Organization:School", {"name": "МКОУ «Первоалейская СОШ»", "kind": "school"}),
    "p_fandina": ("Person", {"name": "Фандина Светлана Александровна", "aliases": ["Фандина С.А."],
                             "family": "Фандина", "initials": "С.А."}),
    "p_akolzina": ("Person", {"name": "Акользина Елена Алексеевна", "family": "Акользина"}),
    "p_pichugin": ("Person", {"name": "Пичугин Виталий Владимирович", "aliases": ["Пичугин В.В."],
                              "family": "Пичугин"}),
    "p_shekhmatova": ("Person", {"name": "Шехматова Н.Н.", "family": "Шехматова"}),
    "p_savrasnaya": ("Person", {"name": "Саврасная Н.Н.", "family": "Саврасная"}),
    "p_kudashova": ("Person", {"name": "Кудашова Н.Б.", "family": "Кудашова"}),
    "ev_dpv": ("Event", {"name": "День партнёрского взаимодействия «Муниципальная единая информационно-"
                                 "образовательная среда системы общего образования: проблемы и перспективы»",
                         "kind": "seminar", "date": "2013-11-05"}),
    "ev_conf": ("Event", {"name": "Итоговая методическая конференция", "kind": "conference", "date": "2016-06-10"}),
    "ev_web": ("Event", {"name": "Межрегиональный вебинар «Цифровая школа»", "kind": "seminar", "date": "2017-03-01"}),
    "aw_1": ("Award", {"name": "благодарственное письмо", "kind": "благодарственное письмо"}),
    "aw_2": ("Award", {"name": "благодарственное письмо", "kind": "благодарственное письмо"}),
    "aw_3": ("Award", {"name": "благодарственное письмо", "kind": "благодарственное письмо"}),
    "aw_4": ("Award", {"name": "сертификат участия", "kind": "сертификат участия"}),
    "aw_5": ("Award", {"name": "почетная грамота", "kind": "почетная грамота", "date": "2017-03-01"}),
    "grp_rmo": ("Group", {"name": "районные методические объединения учителей-предметников",
                          "kind": "methodical_association"}),
    "grp_net": ("Group", {"name": "сетевое сообщество учителей информатики", "kind": "online_community"}),
    "grp_okrug": ("Group", {"name": "Первоалейский школьный округ", "kind": "school_district_network"}),
}

# (start, type, end, properties, document, a fragment of the line that states it)
RELS: list[tuple[str, str, str, dict, str, str]] = [
    ("dist_bal", "PART_OF", "reg_sar", {}, "d000", "БАЛАШОВСКОГО"),
    ("dist_ale", "PART_OF", "reg_alt", {}, "d001", "Солнечн"),
    ("org_pin", "LOCATED_IN", "dist_bal", {}, "d000", "на базе МОУ СОШ р.п. Пинеровка"),
    ("org_uo", "LOCATED_IN", "dist_bal", {}, "d000", "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ"),
    ("org_mc", "LOCATED_IN", "dist_bal", {}, "d000", "Пинеровский межшкольный"),
    ("org_sol", "LOCATED_IN", "dist_ale", {}, "d001", "Солнечн"),
    ("org_perv", "LOCATED_IN", "dist_ale", {}, "d001", "Первоалейск"),
    ("org_pin", "SUBORDINATE_TO", "org_uo", {}, "d000", "руководители общеобразовательных учреждений района"),
    ("org_mc", "SUBORDINATE_TO", "org_pin", {}, "d000", "Пинеровский межшкольный"),
    ("p_fandina", "HOLDS_POST", "org_pin", {"post": "директор"}, "d000", "Фандиной Светлане"),
    ("p_fandina", "HOLDS_POST", "org_pin", {"post": "директор"}, "dweb", "директор МОУ СОШ"),
    ("p_akolzina", "HOLDS_POST", "org_pin", {"post": "заместитель директора"}, "d000", "Акользиной Елене"),
    ("p_pichugin", "HOLDS_POST", "org_pin", {"post": "учитель информатики"}, "d000", "Пичугину Виталию"),
    ("p_shekhmatova", "HOLDS_POST", "org_uo", {"post": "начальник управления образования"}, "d000", "Шехматова"),
    ("p_savrasnaya", "HOLDS_POST", "org_perv", {"post": "директор"}, "d001", "Саврасная Н.Н."),
    ("p_kudashova", "HOLDS_POST", "org_sol", {"post": "учитель"}, "d001", "Кудашова Н.Б."),
    ("org_pin", "PARTICIPATED_IN", "ev_dpv", {"role": "host"}, "d000", "на базе МОУ СОШ р.п. Пинеровка"),
    ("p_fandina", "PARTICIPATED_IN", "ev_dpv", {"role": "participant"}, "d000", "Фандиной Светлане"),
    ("p_akolzina", "PARTICIPATED_IN", "ev_dpv", {"role": "participant"}, "d000", "Акользиной Елене"),
    ("p_pichugin", "PARTICIPATED_IN", "ev_dpv", {"role": "participant"}, "d000", "Пичугину Виталию"),
    ("org_perv", "PARTICIPATED_IN", "ev_conf", {"role": "host"}, "d001", "Первоалейск"),
    ("p_savrasnaya", "PARTICIPATED_IN", "ev_conf", {"role": "speaker"}, "d001", "Саврасная Н.Н."),
    ("p_kudashova", "PARTICIPATED_IN", "ev_conf", {"role": "speaker"}, "d001", "Кудашова Н.Б."),
    ("org_pin", "PARTICIPATED_IN", "ev_web", {"role": "participant"}, "dweb", "приняли участие"),
    ("org_sol", "PARTICIPATED_IN", "ev_web", {"role": "participant"}, "dweb", "приняли участие"),
    ("p_fandina", "PARTICIPATED_IN", "ev_web", {"role": "speaker"}, "dweb", "С докладом"),
    ("aw_1", "AWARDED_TO", "p_fandina", {}, "d000", "Фандиной Светлане"),
    ("aw_2", "AWARDED_TO", "p_akolzina", {}, "d000", "Акользиной Елене"),
    ("aw_3", "AWARDED_TO", "p_pichugin", {}, "d000", "Пичугину Виталию"),
    ("aw_4", "AWARDED_TO", "org_pin", {}, "d000", "сертификаты участия"),
    ("aw_5", "AWARDED_TO", "p_fandina", {}, "dweb", "Почётной грамотой"),
    ("aw_1", "GIVEN_BY", "org_uo", {}, "d000", "Фандиной Светлане"),
    ("aw_1", "FOR", "ev_dpv", {}, "d000", "Фандиной Светлане"),
    ("p_pichugin", "MEMBER_OF", "grp_net", {}, "dweb", "сетевое сообщество"),
    ("p_kudashova", "MEMBER_OF", "grp_net", {}, "dweb", "сетевое сообщество"),
    ("org_perv", "MEMBER_OF", "grp_okrug", {}, "d001", "Первоалейск"),
    ("org_sol", "MEMBER_OF", "grp_okrug", {}, "d001", "Солнечн"),
    ("d000", "ISSUED_BY", "org_uo", {}, "d000", "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ"),
    ("d000", "SIGNED_BY", "p_shekhmatova", {}, "d000", "Шехматова"),
    ("d000", "MENTIONS", "org_pin", {}, "d000", "на базе МОУ СОШ р.п. Пинеровка"),
]


def line_span(text: str, fragment: str) -> tuple[int, int]:
    """The span of the line of ``text`` holding ``fragment``."""
    at = text.index(fragment)
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return start, len(text) if end < 0 else end


def graph_statements() -> list[tuple[str, dict]]:
    """Cypher statements writing the test graph, grouped by label and by relationship type."""
    by_labels: dict[str, list[dict]] = {"Document": [{"id": doc_id, "name": doc["title"], **doc}
                                                      for doc_id, doc in DOCS.items()]}
    sources: dict[str, set[str]] = {}
    merged: dict[tuple[str, str, str, str], dict] = {}
    for start, rel_type, end, props, doc_id, fragment in RELS:
        span = line_span(DOCS[doc_id]["text"], fragment)
        key = (start, rel_type, end, props.get("post", "") + props.get("role", ""))
        rel = merged.setdefault(key, {"start": start, "end": end, "props": {**props, "sources": [], "evidence": []}})
        if doc_id not in rel["props"]["sources"]:
            rel["props"]["sources"].append(doc_id)
        rel["props"]["evidence"].append(f"{doc_id}:{span[0]}-{span[1]}")
        for node in (start, end):
            sources.setdefault(node, set()).add(doc_id)
    for node_id, (labels, props) in NODES.items():
        by_labels.setdefault(labels, []).append({"id": node_id, **props, "sources": sorted(sources.get(node_id, ()))})
    statements = [(f"UNWIND $rows AS row CREATE (n:{labels}) SET n += row", {"rows": rows})
                  for labels, rows in by_labels.items()]
    by_type: dict[str, list[dict]] = {}
    for (_s, rel_type, _e, _k), rel in merged.items():
        by_type.setdefault(rel_type, []).append(rel)
    statements += [(f"UNWIND $rows AS row MATCH (a {{id: row.start}}), (b {{id: row.end}}) "
                    f"CREATE (a)-[r:{rel_type}]->(b) SET r += row.props", {"rows": rows})
                   for rel_type, rows in by_type.items()]
    # the search text the loader keeps on every node but documents (graph/load/statements.py)
    statements.append((f"MATCH (n) WHERE NOT n:Document SET n.search = {search_text('n')}", {}))
    return statements


def relationship_count() -> int:
    return len({(s, t, e, p.get("post", "") + p.get("role", "")) for s, t, e, p, _d, _f in RELS})


# --- stores for tests -----------------------------------------------------------------------------------------------

JAVA = bool(shutil.which("java") and shutil.which("mvn"))
NEO4J_SKIP = pytest.mark.skipif(not (os.environ.get("NEO4J_URI") or JAVA),
                                reason="neither NEO4J_URI (a scratch database) nor Java 17 with Maven for the project's own")
BACKENDS = ["falkordb", pytest.param("neo4j", marks=[pytest.mark.neo4j, NEO4J_SKIP])]
_SESSION_NEO4J: dict = {}  # the one Neo4j this test run started: data_dir, uri, password


def free_port() -> int:
    with socket.socket() as probe:  # other test runs on this machine have servers of their own
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def neo4j_settings() -> dict:
    """open_store's Neo4j arguments: NEO4J_URI's server, else one the project starts for the whole run."""
    if os.environ.get("NEO4J_URI"):
        return {"neo4j_uri": os.environ["NEO4J_URI"]}
    if not _SESSION_NEO4J:
        from graph.store import neo4j_server

        data_dir = Path(tempfile.mkdtemp(prefix="edugraph-test-neo4j-"))
        atexit.register(stop_session_neo4j)
        _SESSION_NEO4J["data_dir"] = data_dir
        state = neo4j_server.start(data_dir, port=free_port(), heap="768m", pagecache="128m")
        _SESSION_NEO4J.update(uri=state.uri, password=neo4j_server.password(data_dir))
    return {"neo4j_uri": _SESSION_NEO4J["uri"], "neo4j_user": "neo4j", "neo4j_password": _SESSION_NEO4J["password"]}


def backend_env(backend: str, base: dict) -> dict:
    """``base`` with the NEO4J_* variables that make a command use ``backend`` (for subprocesses and the CLI)."""
    env = {k: v for k, v in base.items() if not k.startswith("NEO4J_")}
    if backend == "neo4j":
        settings = neo4j_settings()
        env.update(NEO4J_URI=settings["neo4j_uri"], NEO4J_USER=settings.get("neo4j_user", base.get("NEO4J_USER", "neo4j")))
        if settings.get("neo4j_password") or base.get("NEO4J_PASSWORD"):
            env["NEO4J_PASSWORD"] = settings.get("neo4j_password") or base["NEO4J_PASSWORD"]
    return env


def stop_session_neo4j() -> None:
    """Stop the run's Neo4j and remove its files (the session's end, or the interpreter's exit)."""
    data_dir = _SESSION_NEO4J.pop("data_dir", None)
    _SESSION_NEO4J.clear()
    if data_dir is not None:
        from graph.store import neo4j_server

        neo4j_server.stop(data_dir)
        shutil.rmtree(data_dir, ignore_errors=True)


def open_test_store(backend: str, data_dir: Path):
    """A store of ``backend``: FalkorDB in ``data_dir`` (its own server), or the run's Neo4j."""
    from graph.store import open_store

    if backend == "neo4j":
        return open_store(data_dir, **neo4j_settings())
    saved = os.environ.pop("NEO4J_URI", None)  # the embedded store even when Neo4j is configured
    try:
        return open_store(data_dir)
    finally:
        if saved is not None:
            os.environ["NEO4J_URI"] = saved


def close_test_store(store, data_dir: Path) -> None:
    """Close the store and stop the server the test started."""
    from graph.store.falkor import stop_server

    store.close()
    if store.backend == "falkordb":
        stop_server(data_dir)


def store_per_backend(folder: str):
    """A module fixture: a store of each backend in a fresh data folder, with ``data_dir`` set on it."""
    @pytest.fixture(scope="module", params=BACKENDS)
    def store(request, tmp_path_factory):
        data_dir = tmp_path_factory.mktemp(folder)
        opened = open_test_store(request.param, data_dir)
        opened.data_dir = data_dir
        try:
            yield opened
        finally:
            close_test_store(opened, data_dir)

    return store
