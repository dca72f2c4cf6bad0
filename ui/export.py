"""Экспорт: the graph as RDF (for linked data), GraphML/GEXF (for Gephi) and CSV (for spreadsheets)."""

import io
import tempfile
import zipfile
from pathlib import Path

import streamlit as st

from graph.analysis import views
from graph.export.rdf import ExportError, export_rdf
from graph.export.tables import write_graph
from ui import common
from ui.common import count_ru, md

st.title("Экспорт графа")
snap = common.view()
if common.empty_notice(snap):
    st.stop()

FORMATS = {
    "turtle": ("RDF — Turtle", "edugraph.ttl", "text/turtle"),
    "jsonld": ("RDF — JSON-LD", "edugraph.jsonld", "application/ld+json"),
    "ntriples": ("RDF — N-Triples", "edugraph.nt", "application/n-triples"),
    "xml": ("RDF — RDF/XML", "edugraph.rdf", "application/rdf+xml"),
    "graphml": ("GraphML (Gephi, yEd)", "edugraph.graphml", "application/xml"),
    "gexf": ("GEXF (Gephi)", "edugraph.gexf", "application/xml"),
    "csv": ("CSV: узлы и связи (ZIP)", "edugraph_csv.zip", "application/zip"),
}

filtered = any(common.filter_key())
st.caption(f"Выгружается {'отфильтрованная часть графа' if filtered else 'весь граф'}: "
           f"{count_ru(len(snap.nodes), 'узел')}, {count_ru(len(snap.rels), 'связь')}. RDF описан онтологией "
           "edugraph и проверяется формами SHACL; GraphML и GEXF открываются в Gephi, CSV — в Excel.")
fmt = st.radio("Формат", list(FORMATS), format_func=lambda f: FORMATS[f][0], key="ex_format")


def build_export(fmt: str) -> bytes:
    """The export file's bytes (written to a temporary folder by graph/'s exporters), from the store's
    complete records: the snapshot the pages use leaves texts and evidence out."""
    nodes, rels = views.full_records(common.store(), snap if filtered else None)
    with tempfile.TemporaryDirectory(prefix="edugraph_export_") as tmp:
        target = Path(tmp) / FORMATS[fmt][1]
        if fmt in ("graphml", "gexf"):
            write_graph(nodes, rels, fmt, target)
        elif fmt == "csv":
            folder = Path(tmp) / "csv"
            write_graph(nodes, rels, "csv", folder)
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                for path in sorted(folder.iterdir()):
                    archive.write(path, path.name)
            return buffer.getvalue()
        else:
            export_rdf(nodes, rels, target, fmt)
        return target.read_bytes()


key = (*common.cache_args(), fmt)
if st.button("Подготовить файл", type="primary", key="ex_build"):
    try:
        with st.spinner("Готовлю выгрузку…"):
            st.session_state["ex_file"] = (key, build_export(fmt))
    except (ExportError, OSError, ValueError) as exc:
        st.error(f"Выгрузка не удалась: {md(exc)}")
prepared = st.session_state.get("ex_file")
if prepared and prepared[0] == key:
    label, name, mime = FORMATS[fmt]
    st.download_button(f"Скачать {name} ({max(1, round(len(prepared[1]) / 1024))} КБ)", prepared[1], file_name=name, mime=mime,
                       key="ex_download")
