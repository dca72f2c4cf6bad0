"""Readers on real files of every format, built here, and every kind of bad input."""

from __future__ import annotations

import hashlib
import io
import os
import pickle
from pathlib import Path

import pytest

from ingest.readers import (
    DEFAULT_MAX_BYTES,
    Document,
    ReadError,
    decode_text,
    iter_document_paths,
    read_bytes,
    read_document,
)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
SEED = SAMPLE / "001_7f12b0260ec274a2.txt"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # fonts-dejavu-core, installed by `make test`


def russian_paragraphs(encodings: tuple[str, ...] = ("cp1251", "koi8_r", "mac_cyrillic")) -> str:
    """Lines of a real seed that every code page can spell (KOI8-R has no «» or №)."""
    lines = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        try:
            for encoding in encodings:
                line.encode(encoding)
        except UnicodeEncodeError:
            continue
        if line.strip():
            lines.append(line)
    text = "\n".join(lines[:8]) + "\n"
    assert len(text) > 1000 and "ПОСТАНОВЛЕНИЕ" in text
    return text


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def read_error(path: Path | str, **kwargs) -> ReadError:
    with pytest.raises(ReadError) as caught:
        read_document(path, **kwargs)
    error = caught.value
    assert str(error) == f"{path}: {error.reason}" and "\n" not in str(error)
    return error


# ---------------------------------------------------------------- plain text encodings


@pytest.mark.parametrize(
    "encoding, prefix",
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("cp1251", b""),
        ("koi8_r", b""),
        ("mac_cyrillic", b""),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("utf-16-le", b""),
        ("utf-16-be", b""),
    ],
)
def test_plain_text_encoding_is_detected(tmp_path, encoding, prefix):
    text = russian_paragraphs()
    path = write(tmp_path, "doc.txt", prefix + text.encode(encoding))
    document = read_document(path)
    assert document.text == text
    assert document.format == "txt"


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
@pytest.mark.parametrize(
    "line",
    [
        "ПОСТАНОВЛЕНИЕ",
        "Приказ управления образования",
        "Об итогах Дня партнёрского взаимодействия",
        "Кудашова Н.Б., руководитель ММО учителей физики",
    ],
)
def test_short_cyrillic_lines_are_not_confused(encoding, line):
    # the classic trap: a detector alone reads a short cp1251 line as KOI8-R or mac-cyrillic
    assert decode_text(line.encode(encoding)) == line


def test_the_seed_in_windows_1251_keeps_its_typography(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    document = read_document(write(tmp_path, "seed.txt", text.encode("cp1251")))
    assert document.text == text
    assert "«Организация методической работы" in document.text


def test_text_is_normalised_minimally(tmp_path):
    raw = "Приказ № 642\r\n7.11.2013\u00a0г.\r\nпедаго\u00adгов\rконец\n"
    document = read_document(write(tmp_path, "doc.txt", raw.encode("utf-8")))
    assert document.text == "Приказ № 642\n7.11.2013 г.\nпедагогов\nконец\n"


def test_decomposed_letters_are_composed(tmp_path):
    decomposed = "Кудашова Зои\u0306"  # й as и + breve, as some PDFs and Macs write it
    assert read_document(write(tmp_path, "d.txt", decomposed.encode("utf-8"))).text == "Кудашова Зой"


# ---------------------------------------------------------------- DOCX


def make_docx() -> bytes:
    import docx

    document = docx.Document()
    letterhead = document.add_table(rows=1, cols=2)
    left, right = letterhead.rows[0].cells
    left.text = "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ"
    left.add_paragraph("БАЛАШОВСКОГО МУНИЦИПАЛЬНОГО РАЙОНА")
    right.text = "г. Балашов"
    document.add_paragraph("Приказ № 642")
    document.add_paragraph("В соответствии с планом работы методического кабинета наградить:")
    awards = document.add_table(rows=3, cols=3)
    rows = [("№", "ФИО", "Должность"), ("1", "Фандина Светлана Александровна", "директор"),
            ("2", "Кудашова Н.Б.", "учитель")]
    for row, values in zip(awards.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    merged = awards.cell(1, 2).merge(awards.cell(2, 2))  # vertically merged: its text must appear once
    merged.text = "педагоги"
    document.add_paragraph("Начальник управления\tН.Н. Шехматова")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_runs_inside_smart_tags_insertions_and_hyperlinks(tmp_path):
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    paragraph = document.add_paragraph("Наградить ")
    # as older Word wrote names and dates, and as tracked changes and links are stored
    for xml in (
        f'<w:smartTag {w} w:element="PersonName"><w:r><w:t>Фандину С.А.</w:t></w:r></w:smartTag>',
        f'<w:del {w} w:id="1" w:author="a"><w:r><w:delText>Иванову</w:delText></w:r></w:del>',
        f'<w:ins {w} w:id="2" w:author="a"><w:r><w:t xml:space="preserve">, директора </w:t></w:r></w:ins>',
        f'<w:hyperlink {w}><w:r><w:t>МОУ СОШ р.п. Пинеровка</w:t></w:r></w:hyperlink>',
    ):
        paragraph._p.append(parse_xml(xml))
    buffer = io.BytesIO()
    document.save(buffer)
    text = read_document(write(tmp_path, "award.docx", buffer.getvalue())).text
    assert text == "Наградить Фандину С.А., директора МОУ СОШ р.п. Пинеровка\n"


def test_docx_paragraphs_and_tables_in_document_order(tmp_path):
    document = read_document(write(tmp_path, "order.docx", make_docx()))
    assert document.format == "docx"
    assert document.text == (
        "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ\nБАЛАШОВСКОГО МУНИЦИПАЛЬНОГО РАЙОНА\tг. Балашов\n"
        "Приказ № 642\n"
        "В соответствии с планом работы методического кабинета наградить:\n"
        "№\tФИО\tДолжность\n"
        "1\tФандина Светлана Александровна\tпедагоги\n"
        "2\tКудашова Н.Б.\n"
        "Начальник управления\tН.Н. Шехматова\n"
    )


# ---------------------------------------------------------------- ODT


def make_odt() -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import H, LineBreak, List, ListItem, P, S, Span

    document = OpenDocumentText()
    body = document.text
    body.addElement(H(outlinelevel=1, text="ПОСТАНОВЛЕНИЕ"))
    header = P(text="Приказ № 12")
    header.addElement(S(c=4))
    header.addText("от 10.06.2016")
    body.addElement(header)
    signed = P(text="Председатель:")
    signed.addElement(LineBreak())
    signed.addElement(Span(text="Саврасная Н.Н."))
    body.addElement(signed)
    items = List()
    for text in ("Активизировать деятельность школьных округов.", "Признать работу удовлетворительной."):
        item = ListItem()
        item.addElement(P(text=text))
        items.addElement(item)
    body.addElement(items)
    table = Table(name="Участники")
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    for school, person in (("МКОУ «Солнечная СОШ»", "Саврасная Н.Н."), ("МКОУ «Первоалейская СОШ»", "Кудашова Н.Б.")):
        row = TableRow()
        for value in (school, person):
            cell = TableCell()
            cell.addElement(P(text=value))
            row.addElement(cell)
        table.addElement(row)
    body.addElement(table)
    body.addElement(P(text="Всего 100 человек."))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def test_odt_headings_lists_and_tables(tmp_path):
    document = read_document(write(tmp_path, "resolution.odt", make_odt()))
    assert document.format == "odt"
    assert document.text == (
        "ПОСТАНОВЛЕНИЕ\n"
        "Приказ № 12    от 10.06.2016\n"
        "Председатель:\nСаврасная Н.Н.\n"
        "Активизировать деятельность школьных округов.\n"
        "Признать работу удовлетворительной.\n"
        "МКОУ «Солнечная СОШ»\tСаврасная Н.Н.\n"
        "МКОУ «Первоалейская СОШ»\tКудашова Н.Б.\n"
        "Всего 100 человек.\n"
    )


# ---------------------------------------------------------------- PDF


def make_pdf(pages: list[str]) -> bytes:
    """A real PDF with a Cyrillic text layer: fpdf2 embedding DejaVu Sans."""
    from fpdf import FPDF

    if not DEJAVU.exists():
        pytest.skip(f"{DEJAVU} missing: install fonts-dejavu-core (make test does)")
    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(DEJAVU))
    pdf.set_font("DejaVu", size=11)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text, align="L")
    return bytes(pdf.output())


def test_pdf_text_layer_round_trips_cyrillic(tmp_path):
    first = "Приказ № 642\nОб итогах Дня партнёрского взаимодействия"
    second = "Фандина Светлана Александровна, директор МОУ СОШ р.п. Пинеровка"
    document = read_document(write(tmp_path, "order.pdf", make_pdf([first, second])))
    assert document.format == "pdf"
    lines = document.text.splitlines()
    assert lines[:2] == ["Приказ № 642", "Об итогах Дня партнёрского взаимодействия"]
    assert second in lines


def test_scanned_pdf_has_no_text_layer(tmp_path):
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    scan = Image.new("L", (600, 300), color=255)
    ImageDraw.Draw(scan).rectangle((40, 40, 560, 80), fill=0)  # the picture of a line of print
    pdf = FPDF()
    pdf.add_page()
    pdf.image(scan, x=10, y=10, w=190)
    path = write(tmp_path, "scan.pdf", bytes(pdf.output()))
    assert read_error(path).reason == "no text layer (scanned PDF?)"


def test_encrypted_pdf(tmp_path):
    from fpdf import FPDF

    def encrypted(user_password: str) -> bytes:
        pdf = FPDF()
        if not DEJAVU.exists():
            pytest.skip(f"{DEJAVU} missing: install fonts-dejavu-core (make test does)")
        pdf.add_font("DejaVu", "", str(DEJAVU))
        pdf.set_font("DejaVu", size=11)
        pdf.set_encryption(owner_password="owner", user_password=user_password)
        pdf.add_page()
        pdf.multi_cell(0, 6, "Приказ № 642", align="L")
        return bytes(pdf.output())

    locked = write(tmp_path, "locked.pdf", encrypted("secret"))
    assert read_error(locked).reason == "encrypted PDF: a password is needed to read it"
    # encrypted with an empty user password: anyone may open it, and so do we
    assert read_document(write(tmp_path, "open.pdf", encrypted(""))).text == "Приказ № 642\n"


def test_corrupt_pdf(tmp_path):
    data = make_pdf(["Приказ № 642"])
    path = write(tmp_path, "broken.pdf", data[:200])  # cut off: no pages, no cross-reference table
    assert "pdf" in read_error(path).reason.lower()
    assert "no %PDF header" in read_error(write(tmp_path, "fake.pdf", b"<html>not a pdf</html>")).reason


# ---------------------------------------------------------------- HTML

NEWS_PAGE = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">
<title>Новости — Управление образования</title>
<style>.menu {{ color: red }}</style><script>var menu = "Главная";</script></head>
<body>
<header><div class="logo">Управление образования администрации Балашовского района</div>
<nav><ul><li><a href="/">Главная</a></li><li><a href="/news">Новости</a></li><li><a href="/docs">Документы</a></li></ul></nav>
</header>
<div id="left-menu"><a href="/a">Школы района</a><br><a href="/b">Детские сады</a></div>
<div class="content">
  <h1>Об итогах Дня партнёрского взаимодействия</h1>
  <p>{paragraph}</p>
  <p>Приказ № 642<br>от 7.11.2013 г.</p>
  <table><tr><th>ФИО</th><th>Должность</th></tr>
  <tr><td>Фандина Светлана Александровна</td><td>директор</td></tr></table>
  <p>Текст приказа: <a href="/docs/642.pdf">приказ № 642</a> размещён в разделе документов.</p>
  <div class="tags"><a href="/t/1">семинар</a> <a href="/t/2">ИОС</a> <a href="/t/3">методисты</a></div>
</div>
<aside><h3>Популярное</h3><p>Конкурс «Учитель года»</p></aside>
<footer><p>© 2013 Все права защищены</p></footer>
<!-- счётчик посещений -->
</body></html>
"""


def test_html_main_text_without_page_chrome(tmp_path):
    paragraph = "В соответствии с планом работы   методического кабинета\n  состоялся День партнёрского взаимодействия."
    page = NEWS_PAGE.format(paragraph=paragraph)
    document = read_document(write(tmp_path, "news.htm", page.encode("cp1251")))
    assert document.format == "html"
    assert document.text == (
        "Об итогах Дня партнёрского взаимодействия\n"
        "В соответствии с планом работы методического кабинета состоялся День партнёрского взаимодействия.\n"
        "Приказ № 642\nот 7.11.2013 г.\n"
        "ФИО\tДолжность\n"
        "Фандина Светлана Александровна\tдиректор\n"
        "Текст приказа: приказ № 642 размещён в разделе документов.\n"
    )
    for chrome in ("Главная", "Школы района", "семинар", "Популярное", "Все права", "счётчик", "var menu", "color"):
        assert chrome not in document.text


def test_html_charset_detected_without_meta(tmp_path):
    page = "<html><body><p>Приказ управления образования</p><p>Об итогах конференции</p></body></html>"
    for encoding in ("utf-8", "cp1251", "koi8_r"):
        document = read_document(write(tmp_path, f"page-{encoding}.html", page.encode(encoding)))
        assert document.text == "Приказ управления образования\nОб итогах конференции\n", encoding


def test_html_article_keeps_its_own_header(tmp_path):
    page = """<html><body><header>Сайт школы</header><div class="menu"><a href="/">Главная</a></div>
    <article><header><h1>Итоги конференции</h1><time>10 июня 2016</time></header>
    <p>Конференция прошла в Солнечной средней школе.</p><footer>Автор: Саврасная Н.Н.</footer></article>
    <footer>Контакты</footer></body></html>"""
    document = read_document(write(tmp_path, "article.html", page.encode("utf-8")))
    assert document.text == ("Итоги конференции\n10 июня 2016\nКонференция прошла в Солнечной средней школе.\n"
                             "Автор: Саврасная Н.Н.\n")


def test_html_declared_charset_that_lies(tmp_path):
    # Russian sites often declare windows-1251 and serve UTF-8: valid UTF-8 wins
    page = '<html><head><meta charset="windows-1251"></head><body><p>Приказ № 642</p></body></html>'
    assert read_document(write(tmp_path, "lies.html", page.encode("utf-8"))).text == "Приказ № 642\n"


def test_html_main_element_is_the_article(tmp_path):
    page = """<html><body><div class="top">Версия для слабовидящих</div>
    <main><h2>Приказ № 642</h2><p>Об итогах Дня партнёрского взаимодействия</p></main>
    <div>Телефон: 2-22-22</div></body></html>"""
    document = read_document(write(tmp_path, "main.html", page.encode("utf-8")))
    assert document.text == "Приказ № 642\nОб итогах Дня партнёрского взаимодействия\n"


def test_html_wrapper_named_like_chrome_is_kept(tmp_path):
    # Drupal-style themes put "sidebar" in the class of the wrapper around everything
    page = """<html><body><div id="page" class="with-sidebar">
    <div class="sidebar-first"><p>Расписание звонков</p></div>
    <div class="content"><p>Приказ управления образования № 642 об итогах конференции.</p>
    <p>Наградить победителей конкурса грамотами управления образования.</p></div>
    </div></body></html>"""
    document = read_document(write(tmp_path, "drupal.html", page.encode("utf-8")))
    assert document.text == ("Приказ управления образования № 642 об итогах конференции.\n"
                             "Наградить победителей конкурса грамотами управления образования.\n")


def test_html_page_of_links_only_is_still_read(tmp_path):
    page = """<html><body><ul><li><a href="1.pdf">Приказ № 642 от 7.11.2013</a></li>
    <li><a href="2.pdf">Постановление конференции 2016</a></li></ul></body></html>"""
    document = read_document(write(tmp_path, "docs.html", page.encode("utf-8")))
    assert document.text == "Приказ № 642 от 7.11.2013\nПостановление конференции 2016\n"
    empty = read_error(write(tmp_path, "blank.html", b"<html><head><title>x</title></head><body> </body></html>"))
    assert empty.reason == "no text in the document"


# ---------------------------------------------------------------- RTF

# By hand, as Word writes it: Cyrillic only as \'xx escapes in code page 1251.
RTF_ORDER = (
    r"{\rtf1\ansi\ansicpg1251\deff0{\fonttbl{\f0\froman\fcharset204 Times New Roman;}}"
    "\n"
    r"{\colortbl;\red0\green0\blue0;}"
    "\n"
    r"\pard\plain\f0\fs24 \'cf\'f0\'e8\'ea\'e0\'e7 \'b9 642\par"
    "\n"
    r"\'ce\'e1 \'e8\'f2\'ee\'e3\'e0\'f5 \'ea\'ee\'ed\'f4\'e5\'f0\'e5\'ed\'f6\'e8\'e8\line \'e3. \'c1\'e0\'eb\'e0\'f8\'ee\'e2\par"
    "\n"
    r"\trowd\cellx3000\cellx6000 \intbl \'d4\'e0\'ed\'e4\'e8\'ed\'e0 \'d1.\'c0.\cell \'e4\'e8\'f0\'e5\'ea\'f2\'ee\'f0\cell\row"
    "\n"
    r"\pard \u1045?\u1105?\'ec\'e8\'ed\'e0 \'c7.\'c8.\par"
    "\n}"
)


def rtf_escaped(text: str) -> str:
    """Text as RTF spells it in code page 1251: \\'xx for every non-ASCII byte, \\par per line."""
    out = []
    for char in text:
        if char == "\n":
            out.append("\\par\n")
        elif char in "\\{}":
            out.append("\\" + char)
        elif char.isascii():
            out.append(char)
        else:
            out.extend(f"\\'{byte:02x}" for byte in char.encode("cp1251"))
    return "".join(out)


def test_rtf_cyrillic_escapes_in_code_page_1251(tmp_path):
    document = read_document(write(tmp_path, "order.rtf", RTF_ORDER.encode("ascii")))
    assert document.format == "rtf"
    assert document.text == (
        "Приказ № 642\nОб итогах конференции\nг. Балашов\nФандина С.А.\tдиректор\nЕёмина З.И.\n"
    )


def test_rtf_seed_paragraphs_round_trip(tmp_path):
    text = SEED.read_text(encoding="utf-8")[:2000]
    rtf = r"{\rtf1\ansi\ansicpg1251\deff0{\fonttbl{\f0\fcharset204 Arial;}}\f0 " + rtf_escaped(text) + "}"
    document = read_document(write(tmp_path, "seed.rtf", rtf.encode("ascii")))
    assert document.text == text


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize("name", ["empty.txt", "empty.docx", "empty.pdf", "empty.html", "empty.rtf", "empty.odt"])
def test_empty_file(tmp_path, name):
    assert read_error(write(tmp_path, name, b"")).reason == "empty file"


def test_whitespace_only_text(tmp_path):
    assert "empty" in read_error(write(tmp_path, "blank.txt", b" \r\n\t\n")).reason


def test_png_renamed_to_txt(tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    assert "PNG image" in read_error(write(tmp_path, "photo.txt", png)).reason


def test_text_with_nul_bytes(tmp_path):
    data = "Приказ № 642".encode() + b"\x00\x01\x02\xff\x00\x00" + bytes(range(256)) * 4
    assert "NUL bytes" in read_error(write(tmp_path, "dump.txt", data)).reason


def test_text_with_control_characters(tmp_path):
    data = bytes(range(1, 32)) * 20
    assert "control characters" in read_error(write(tmp_path, "noise.txt", data)).reason


def test_undecodable_text(tmp_path):
    # mixed encodings: UTF-8 followed by a Windows-1251 tail fits no single encoding
    head = "Приказ управления образования № 642 о проведении".encode()
    data = head + " и конференции".encode("cp1251")
    reason = read_error(write(tmp_path, "mixed.txt", data)).reason
    assert reason.startswith(f"undecodable text: invalid UTF-8 at byte {len(head) + 1}")


def test_docx_that_is_not_a_zip(tmp_path):
    reason = read_error(write(tmp_path, "order.docx", "Приказ № 642".encode())).reason
    assert reason == "not a valid .docx: not a zip archive (corrupt or another format renamed)"


def test_old_word_file_renamed_to_docx(tmp_path):
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    assert "old Office file" in read_error(write(tmp_path, "order.docx", data)).reason


def test_zip_that_is_not_a_docx(tmp_path):
    odt = write(tmp_path, "resolution.docx", make_odt())  # an .odt renamed to .docx
    assert read_error(odt).reason == "not a valid .docx: the archive has no word/document.xml"


def test_truncated_docx(tmp_path):
    data = make_docx()
    reason = read_error(write(tmp_path, "cut.docx", data[: len(data) // 2])).reason
    assert reason.startswith("not a valid .docx")


def test_corrupt_odt_and_rtf(tmp_path):
    assert "not a zip archive" in read_error(write(tmp_path, "x.odt", b"plain text, not ODF")).reason
    assert "no {\\rtf header" in read_error(write(tmp_path, "x.rtf", "Приказ".encode())).reason


def test_unsupported_type(tmp_path):
    path = write(tmp_path, "table.xyz", b"data")
    assert read_error(path).reason.startswith("unsupported type .xyz; supported: .txt, .docx")
    assert "save it as .docx" in read_error(write(tmp_path, "old.doc", b"data")).reason
    assert "no file extension" in read_error(write(tmp_path, "README", b"data")).reason


def test_file_over_the_limit_is_refused_by_its_size(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(64 * 1024 * 1024)  # sparse: the size is known without any data written
    reason = read_error(path, max_bytes=1024 * 1024).reason
    # the size in the message comes from the file system, not from reading it
    assert reason == "file too large (64.0 MB > limit 1.0 MB; see --max-bytes)"


def test_limit_is_configurable(tmp_path):
    path = write(tmp_path, "small.txt", "Приказ № 642\n".encode())
    assert read_document(path, max_bytes=len(path.read_bytes())).text == "Приказ № 642\n"
    assert "too large" in read_error(path, max_bytes=10).reason
    assert DEFAULT_MAX_BYTES == 20 * 1024 * 1024


def test_missing_file_and_folder_given_as_file(tmp_path):
    assert read_error(tmp_path / "absent.txt").reason == "no such file"
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    assert read_error(folder).reason == "is a folder, not a file"
    dangling = tmp_path / "link.txt"
    dangling.symlink_to(tmp_path / "gone.txt")
    assert read_error(dangling).reason == "no such file"


def test_pipe_is_not_read(tmp_path):
    pipe = tmp_path / "stream.txt"
    os.mkfifo(pipe)  # opening it would wait for a writer for ever
    assert read_error(pipe).reason == "not a regular file"


def test_file_that_cannot_be_opened(tmp_path):
    inside_a_file = write(tmp_path, "plain.txt", b"text") / "inner.txt"
    assert read_error(inside_a_file).reason == "cannot open the file: Not a directory"
    locked = write(tmp_path, "locked.txt", "Приказ".encode())
    locked.chmod(0)
    if os.geteuid() != 0:
        assert read_error(locked).reason == "cannot open the file: permission denied"
        return
    # root reads any file: ask as an unprivileged user for the time of one read
    os.seteuid(65534)
    try:
        error = read_error(locked)
    finally:
        os.seteuid(0)
    assert error.reason == "cannot open the file: permission denied"


def test_read_error_pickles_for_worker_processes():
    error = pickle.loads(pickle.dumps(ReadError("a/b.txt", "empty file")))
    assert (str(error), error.path, error.reason) == ("a/b.txt: empty file", "a/b.txt", "empty file")


# ---------------------------------------------------------------- uploads, ids, folders


def test_read_bytes_matches_read_document(tmp_path):
    data = make_docx()
    from_upload = read_bytes(data, "Приказ 642.DOCX")
    from_disk = read_document(write(tmp_path, "order.docx", data))
    assert from_upload.source == "Приказ 642.DOCX" and from_upload.format == "docx"
    assert (from_upload.id, from_upload.text) == (from_disk.id, from_disk.text)
    assert from_upload.id == hashlib.sha256(data).hexdigest()[:16]
    with pytest.raises(ReadError, match=r"^upload\.txt: file too large"):
        read_bytes(b"x" * 11, "upload.txt", max_bytes=10)
    with pytest.raises(ReadError, match=r"^picture\.png: unsupported type \.png"):
        read_bytes(b"\x89PNG", "picture.png")


def test_sample_folder_gives_five_documents_with_stable_ids():
    paths = list(iter_document_paths([SAMPLE]))
    assert [p.name for p in paths] == sorted(p.name for p in SAMPLE.glob("*.txt")) and len(paths) == 5
    first = [read_document(p) for p in paths]
    second = [read_document(p) for p in iter_document_paths(str(SAMPLE))]  # one path alone works too
    assert [d.id for d in first] == [d.id for d in second]
    assert len({d.id for d in first}) == 5
    for path, document in zip(paths, first, strict=True):
        assert isinstance(document, Document)
        assert document.id == hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        assert document.source == str(path) and document.format == "txt"
        assert document.text == path.read_text(encoding="utf-8").replace("\u00a0", " ")


def test_folders_are_walked_recursively_and_sorted(tmp_path):
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.txt").write_text("А")
    (tmp_path / "b" / "z.html").write_text("<p>Б</p>")
    (tmp_path / "b" / "deep" / "c.rtf").write_text("{\\rtf1 c}")
    (tmp_path / "b" / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "b" / "logo.png").write_bytes(b"\x89PNG")
    (tmp_path / "b" / "style.css").write_text("p {}")
    (tmp_path / ".hidden.txt").write_text("скрытый")
    (tmp_path / ".git" / "note.txt").write_text("служебный")
    (tmp_path / "~$a.docx").write_bytes(b"lock")
    found = list(iter_document_paths([tmp_path]))
    shown = [str(f) if isinstance(f, ReadError) else f.relative_to(tmp_path).as_posix() for f in found]
    assert shown == [
        "a.txt",
        "b/deep/c.rtf",
        f"{tmp_path / 'b' / 'old.doc'}: unsupported type .doc (old Word format: save it as .docx)",
        "b/z.html",
    ]


def test_paths_given_explicitly(tmp_path):
    hidden = write(tmp_path, ".draft.txt", "Проект".encode())
    plain = write(tmp_path, "a.txt", "Приказ".encode())
    write(tmp_path, "photo.jpg", b"\xff\xd8\xff")
    found = list(iter_document_paths([hidden, tmp_path / "missing", tmp_path / "photo.jpg", plain, tmp_path]))
    assert found[0] == hidden  # a hidden file named explicitly is read
    assert str(found[1]) == f"{tmp_path / 'missing'}: no such file or folder"
    assert isinstance(found[2], ReadError) and found[2].reason.startswith("unsupported type .jpg")
    assert found[3] == plain
    assert found[4:] == []  # the folder holds only files already given: each is read once


def test_read_command_reports_each_file_and_the_failures(tmp_path, capsys):
    from graph.cli import main

    good = write(tmp_path, "a.txt", "Приказ № 642\r\nг. Балашов\r\n".encode("cp1251"))
    write(tmp_path, "b.docx", b"not a zip")
    assert main(["read", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    digest = hashlib.sha256(good.read_bytes()).hexdigest()[:16]
    assert out == f"{good}: txt, 24 characters, 2 lines, id {digest}\nread 1 document(s), 1 failed\n"
    assert err == f"error: {tmp_path / 'b.docx'}: not a valid .docx: not a zip archive (corrupt or another format renamed)\n"
    assert main(["read", "--text", str(good)]) == 0
    out, err = capsys.readouterr()
    assert out == "Приказ № 642\nг. Балашов\n" and err == "read 1 document(s), 0 failed\n"


def test_a_stray_control_character_is_dropped_from_the_text():
    """One U+0000 in a UTF-16 file (where NUL bytes are normal) must not reach the store, which cuts a
    query at it; tabs and line breaks stay."""
    from ingest.readers import read_bytes

    document = read_bytes("Приказ\x00 № 5\tот 12.03.2019\nо проведении семинара\x07".encode("utf-16"), "приказ.txt")
    assert document.text == "Приказ № 5\tот 12.03.2019\nо проведении семинара"
