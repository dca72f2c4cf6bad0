"""Документы: the list, a document's text with its entities highlighted (and, when a profile's link led here,
the words stating a fact marked and scrolled to), and the upload of new ones (editors only)."""

import logging

import streamlit as st

from graph.analysis import views
from ui import auth, common
from ui.common import count_ru, html_escape, md

log = logging.getLogger("edugraph.dashboard")

st.title("Документы")
snap = common.view()

COLOURS = {"Person": "#fde2c8", "Organization": "#d4e4fa", "District": "#dff0d8", "Region": "#dff0d8",
           "Event": "#fbf1b5", "Group": "#d2efed", "Award": "#f3d9f7"}
FACT_STYLE = "background:#fff3a3;outline:2px solid #e0b400;border-radius:3px;padding:1px 2px"
FORMATS = "TXT (любая кодировка), DOCX, PDF с текстовым слоем, HTML, RTF, ODT"
# why a file was not loaded (ingest.pipeline.Outcome's code: a ReadError's, or the pipeline's own), in the
# words of the person who uploaded it
UPLOAD_ERRORS = {
    "empty": "файл пустой",
    "too_large": "файл больше 20 МБ (или разворачивается больше чем в 20 МБ): разделите документ на части",
    "needs_conversion": "файл старого формата Microsoft Office (.doc, .xls) или скан: сохраните его как DOCX "
                        "или распознайте (OCR) и загрузите снова",
    "unsupported": f"такой вид файла не читается; подходят {FORMATS}",
    "binary": "это не текст: похоже на картинку, архив или программу (или файл повреждён)",
    "corrupt": "файл повреждён или это файл другого вида с изменённым расширением",
    "no_text_layer": "в PDF нет текстового слоя — вероятно, это скан; распознайте его (OCR) и загрузите снова",
    "no_text": "в файле нет текста",
    "encrypted": "файл защищён паролем: снимите защиту и загрузите снова",
    "undecodable": "не удалось определить кодировку текста: сохраните файл в UTF-8 или Windows-1251",
    "missing": "файл не найден",
    "not_a_file": "это не файл",
    "unreadable_file": "файл не открывается",
    "extraction": "не удалось извлечь из него факты (ошибка программы; подробности записаны в журнал сервера)",
    "facts": "файл фактов не соответствует модели",
    "store": "не удалось записать его в граф; уже загруженное не пострадало, попробуйте ещё раз",
}
STATUS_RU = {"loaded": "загружен", "replaced": "заменил прежнюю версию"}


def upload_error_ru(code: str) -> str:
    """An upload's failure in Russian, by its code (the technical reason goes to the server's log)."""
    return UPLOAD_ERRORS.get(code, "файл не читается")


def highlighted(text: str, entities: list[dict], fact: tuple[int, int] | None = None) -> str:
    """The text as HTML with every mention of an entity marked (its type in the tooltip), and the words of
    ``fact`` (a span) marked on their own, to be scrolled to."""
    parts, last = [], len(text) - len(text.lstrip())  # leading blank lines of a letterhead are not shown
    spans = [(s, e, entity) for s, e, entity in views.mention_spans(text, entities)
             if not fact or e <= fact[0] or s >= fact[1]]
    if fact:
        spans.append((fact[0], fact[1], None))
        spans.sort(key=lambda item: item[0])
    for start, end, entity in spans:
        if start < last:
            continue
        parts.append(html_escape(text[last:start]))
        if entity is None:
            parts.append(f"<mark id='eg-fact' style='{FACT_STYLE}' title='Об этом говорит профиль'>"
                         f"{html_escape(text[start:end])}</mark>")
        else:
            colour = COLOURS.get(entity["label"], "#eee")
            title = html_escape(f"{entity['name']} — {common.label_ru(entity['label']).lower()}")
            parts.append(f"<mark style='background:{colour};padding:0 2px;border-radius:3px' title='{title}'>"
                         f"{html_escape(text[start:end])}</mark>")
        last = end
    parts.append(html_escape(text[last:]))
    return ("<div data-eg-data='1' style='white-space:pre-wrap;font-size:0.95rem;line-height:1.5;max-height:640px;"
            "overflow-y:auto;border:1px solid #e3e3e3;border-radius:6px;padding:12px'>" + "".join(parts) + "</div>")


def upload_summary(outcome) -> str:
    facts = outcome.facts
    return (f"{outcome.source} — {STATUS_RU.get(outcome.status, outcome.status)} "
            f"({count_ru(len(facts.people), 'человек')}, {count_ru(len(facts.organisations), 'организация')}, "
            f"{count_ru(len(facts.events), 'событие')})")


def report_uploads(outcomes) -> None:
    loaded = [o for o in outcomes if not o.failed and o.status != "unchanged"]
    unchanged = [o for o in outcomes if not o.failed and o.status == "unchanged"]
    failed = [o for o in outcomes if o.failed]
    if loaded:
        st.success(f"Загружено: {count_ru(len(loaded), 'документ')}.  \n" +
                   "  \n".join(md(upload_summary(o)) for o in loaded))
    if unchanged:
        st.info(f"Уже были в графе, ничего не изменилось: {count_ru(len(unchanged), 'документ')} — " +
                "; ".join(md(o.source) for o in unchanged) + ".")
    for outcome in failed:
        log.warning("upload %r failed (%s): %s", outcome.source, outcome.code, outcome.reason)
        st.error(f"{md(outcome.source)}: {upload_error_ru(outcome.code)}.")


def upload_section() -> None:
    if not auth.allowed("editor"):  # viewers see no upload; the action below checks again when it runs
        st.caption("Загружать документы могут редакторы и администраторы.")
        return
    st.subheader("Загрузить документы")
    st.caption(f"Подходят {FORMATS}; до 20 МБ на файл. Файл, который не удалось прочитать, пропускается — "
               "остальные загружаются; уже загруженное не теряется.")
    files = st.file_uploader("Файлы документов", accept_multiple_files=True, key="doc_upload",
                             label_visibility="collapsed")
    if files:
        st.caption(md(f"Выбрано: {count_ru(len(files), 'файл')} — " + "; ".join(f.name for f in files[:8]) +
                      (f" и ещё {len(files) - 8}" if len(files) > 8 else "")))
    if not files or not st.button("Извлечь факты и загрузить", type="primary", key="doc_ingest"):
        return
    from graph.load.uploads import ingest_uploads

    user = auth.require("editor", "upload")  # server-side, when the action runs (the role is read afresh)
    progress = st.progress(0.0, text="Начинаю…")

    def report(done: int, total: int, name: str) -> None:
        progress.progress(done / total, text=md(f"{done} из {total}: {name}"))

    outcomes = ingest_uploads(common.store(), [(f.name, f.getvalue()) for f in files], on_progress=report,
                              data_dir=common.data_dir())
    progress.progress(1.0, text="Готово")
    loaded = [o for o in outcomes if not o.failed]
    auth.record("upload", user, outcome="ok" if loaded else "failed", files=[f.name for f in files],
                loaded=[o.doc_id for o in loaded], failed=[o.source for o in outcomes if o.failed])
    report_uploads(outcomes)


if not snap.nodes:
    common.empty_notice(snap)
    upload_section()
    st.stop()

rows = views.document_rows(snap)
st.caption(count_ru(len(rows), "документ").capitalize() + ".")
common.table(rows, {"date": "Дата", "kind": "Вид", "number": "Номер", "issuer": "Издал", "title": "Заголовок"},
             key="docs", file_name="documents.csv", height=min(420, 38 + 35 * len(rows)))

ids = [r["id"] for r in rows]
wanted = st.query_params.get("doc")
fact = None
if wanted in ids and st.session_state.get("doc_link") != (wanted, st.query_params.get("at")):
    # a profile's link: open that document (once: the viewer may pick another one afterwards)
    st.session_state["doc_link"] = (wanted, st.query_params.get("at"))
    st.session_state["doc_pick"] = wanted
if ids:
    titles = {r["id"]: r["title"] for r in rows}  # a selectbox shows its options as plain text
    doc_id = st.selectbox("Открыть документ", ids, key="doc_pick", format_func=titles.get)
    linked = st.session_state.get("doc_link")
    if linked and linked[0] == doc_id and linked[1]:
        start, _, end = str(linked[1]).partition("-")
        if start.isdigit() and end.isdigit():
            fact = (int(start), int(end))
    detailed = views.with_details(common.store(), snap, doc_id)  # with its text
    doc = detailed.nodes[doc_id]
    meta = views.entity_profile(detailed, doc_id)["attributes"]
    st.markdown(" · ".join(f"**{md(k.capitalize())}:** {md(v)}" for k, v in meta.items()))
    entities = views.document_entities(detailed, doc_id)
    text = str((doc.get("properties") or {}).get("text") or "")
    legend = " ".join(f"<mark style='background:{c};padding:0 4px'>{html_escape(common.label_ru(label))}</mark>"
                      for label, c in COLOURS.items() if any(e["label"] == label for e in entities))
    if fact and text:
        legend += f" <mark style='{FACT_STYLE}'>то, о чём говорит профиль</mark>"
    if legend:
        st.html(f"<div style='font-size:0.85rem'>Выделено: {legend}</div>")
    if text:
        st.html(highlighted(text, entities, fact if fact and fact[1] <= len(text) else None))
        if fact:
            common.scroll_to("#eg-fact", key=f"scroll_{doc_id}_{fact[0]}")
    else:
        st.info("Текст документа не сохранён.")
    if entities:
        with st.expander(f"Что извлечено из документа — {len(entities)}"):
            for i, entity in enumerate(entities):
                cols = st.columns([5, 1])
                cols[0].markdown(f"**{md(entity['name'])}** ({common.label_ru(entity['label']).lower()})")
                cols[1].button("Профиль", key=f"doc_go_{i}_{entity['id']}", on_click=common.go_to_profile,
                               args=(entity["id"],))

upload_section()
