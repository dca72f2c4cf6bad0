"""Документы: the list, a document's text with its entities highlighted, and the upload of new ones (editors only)."""

import html

import streamlit as st

from graph.analysis import views
from ui import auth, common

st.title("Документы")
snap = common.view()

COLOURS = {"Person": "#fde2c8", "Organization": "#d4e4fa", "District": "#dff0d8", "Region": "#dff0d8",
           "Event": "#fbf1b5", "Group": "#d2efed", "Award": "#f3d9f7"}


def highlighted(text: str, entities: list[dict]) -> str:
    """The text as HTML with every mention of an entity marked (its type in the tooltip)."""
    parts, last = [], len(text) - len(text.lstrip())  # leading blank lines of a letterhead are not shown
    for start, end, entity in views.mention_spans(text, entities):
        if start < last:
            continue
        parts.append(html.escape(text[last:start]))
        colour = COLOURS.get(entity["label"], "#eee")
        title = html.escape(f"{entity['name']} — {common.label_ru(entity['label']).lower()}")
        parts.append(f"<mark style='background:{colour};padding:0 2px;border-radius:3px' title='{title}'>"
                     f"{html.escape(text[start:end])}</mark>")
        last = end
    parts.append(html.escape(text[last:]))
    return ("<div style='white-space:pre-wrap;font-size:0.95rem;line-height:1.5;max-height:640px;overflow-y:auto;"
            "border:1px solid #e3e3e3;border-radius:6px;padding:12px'>" + "".join(parts) + "</div>")


def upload_section() -> None:
    if not auth.allowed("editor"):  # viewers see no upload; the action below checks again when it runs
        st.caption("Загружать документы могут редакторы и администраторы.")
        return
    st.subheader("Загрузить документы")
    st.caption("Форматы: TXT (любая кодировка), DOCX, PDF с текстовым слоем, HTML, RTF, ODT. "
               "Файл с ошибкой пропускается, остальные загружаются; уже загруженное не теряется.")
    files = st.file_uploader("Файлы", accept_multiple_files=True, key="doc_upload",
                             type=["txt", "docx", "pdf", "html", "htm", "rtf", "odt"])
    if not files or not st.button("Извлечь факты и загрузить", type="primary", key="doc_ingest"):
        return
    from graph.load.uploads import ingest_uploads

    user = auth.require("editor", "upload")  # server-side, when the action runs (the role is read afresh)
    progress = st.progress(0.0, text="Начинаю…")

    def report(done: int, total: int, name: str) -> None:
        progress.progress(done / total, text=f"{done} из {total}: {name}")

    outcomes = ingest_uploads(common.store(), [(f.name, f.getvalue()) for f in files], on_progress=report)
    progress.progress(1.0, text="Готово")
    loaded = [o for o in outcomes if not o.failed]
    failed = [o for o in outcomes if o.failed]
    auth.record("upload", user, outcome="ok" if loaded else "failed", files=[f.name for f in files],
                loaded=[o.doc_id for o in loaded], failed=[o.source for o in failed])
    if loaded:
        st.success(f"Загружено документов: {len(loaded)}. " + "; ".join(upload_summary(o) for o in loaded))
    for outcome in failed:
        st.error(f"{outcome.source}: {outcome.reason.removeprefix(outcome.source + ': ')}")


STATUS_RU = {"loaded": "загружен", "replaced": "заменил прежнюю версию", "unchanged": "уже был загружен"}


def upload_summary(outcome) -> str:
    facts = outcome.facts
    return (f"{outcome.source} — {STATUS_RU.get(outcome.status, outcome.status)} (люди: {len(facts.people)}, "
            f"организации: {len(facts.organisations)}, события: {len(facts.events)})")


if not snap.nodes:
    common.empty_notice(snap)
    upload_section()
    st.stop()

rows = views.document_rows(snap)
st.caption(f"Документов: {len(rows)}.")
common.table(rows, {"kind": "Вид", "number": "Номер", "date": "Дата", "issuer": "Издал", "id": "Идентификатор"},
             key="docs", file_name="documents.csv", height=min(420, 38 + 35 * len(rows)))

if rows:
    doc_id = st.selectbox("Открыть документ", [r["id"] for r in rows], key="doc_pick",
                          format_func=lambda i: next(r["title"] for r in rows if r["id"] == i))
    detailed = views.with_details(common.store(), snap, doc_id)  # with its text
    doc = detailed.nodes[doc_id]
    meta = views.entity_profile(detailed, doc_id)["attributes"]
    st.markdown(" · ".join(f"**{k.capitalize()}:** {v}" for k, v in meta.items()))
    entities = views.document_entities(detailed, doc_id)
    text = str((doc.get("properties") or {}).get("text") or "")
    legend = " ".join(f"<mark style='background:{c};padding:0 4px'>{html.escape(common.label_ru(label))}</mark>"
                      for label, c in COLOURS.items() if any(e["label"] == label for e in entities))
    if legend:
        st.html(f"<div style='font-size:0.85rem'>Выделено: {legend}</div>")
    if text:
        st.html(highlighted(text, entities))
    else:
        st.info("Текст документа не сохранён.")
    if entities:
        with st.expander(f"Извлечённые сущности — {len(entities)}"):
            for entity in entities:
                cols = st.columns([5, 1])
                cols[0].markdown(f"**{entity['name']}** ({common.label_ru(entity['label']).lower()})")
                if cols[1].button("Профиль", key=f"doc_go_{entity['id']}"):
                    common.open_profile(entity["id"])

upload_section()
