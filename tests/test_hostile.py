"""Hostile but fair input (issue 11): every hostile file is built here by the test itself."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from store_graph import backend_env, store_per_backend

from graph.cli import main as cli_main
from graph.load.judgements import merge, undo
from graph.load.uploads import ingest_uploads
from ingest.pipeline import extract_upload
from ingest.readers import ReadError, read_bytes, read_document

ORDER = ("ПРИКАЗ\n\nот 12.03.2019 № {n}\n\nО проведении семинара\n\nПровести семинар учителей физики на базе "
         "МБОУ «СОШ № {n}». Ответственным назначить Петрову Анну Ивановну, учителя физики МБОУ «СОШ № {n}».\n")

store = store_per_backend("hostile")


@pytest.fixture
def empty(store, monkeypatch):
    """The store, cleared, with the environment that makes the CLI run in this process use its backend."""
    for name in [key for key in os.environ if key.startswith("NEO4J_")]:
        monkeypatch.delenv(name)
    for name, value in backend_env(store.backend, {}).items():
        monkeypatch.setenv(name, value)
    store.clear()
    store.ensure_schema()
    return store


def docx_bomb(xml_megabytes: int) -> bytes:
    """A Word file whose document.xml inflates to ``xml_megabytes`` MB (the archive stays small)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            for _ in range(xml_megabytes):
                part.write(b"<w:p>" + b"a" * (1024 * 1024) + b"</w:p>")
    return buffer.getvalue()


# 1. zip bombs

@pytest.mark.parametrize("name, required", [("bomb.docx", "word/document.xml"), ("bomb.odt", "content.xml")])
def test_a_zip_bomb_is_refused_before_it_is_inflated(name, required, tmp_path):
    data = docx_bomb(64)
    if required != "word/document.xml":  # the same bomb as OpenDocument
        buffer = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
            out.writestr("mimetype", "application/vnd.oasis.opendocument.text")
            with source.open("word/document.xml") as part, out.open(required, "w", force_zip64=True) as target:
                while chunk := part.read(1 << 20):
                    target.write(chunk)
        data = buffer.getvalue()
    assert len(data) < 2 * 1024 * 1024  # under the 20 MB file limit, which alone would let it through
    with pytest.raises(ReadError) as refused:
        read_bytes(data, name)
    assert refused.value.code == "too_large" and "inflate" in str(refused.value)
    (tmp_path / name).write_bytes(data)
    with pytest.raises(ReadError):
        read_document(tmp_path / name)
    upload = extract_upload(name, data)  # the upload page reads the same way
    assert upload.failed and upload.code == "too_large"


# 4 and 11. file names that are not valid text, or hold a line break

def test_file_names_with_an_undecodable_byte_or_a_line_break_are_loaded_and_reported_on_one_line(empty, tmp_path,
                                                                                                   capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / os.fsdecode(b"prikaz_\xff.txt")).write_text(ORDER.format(n=1), encoding="utf-8")
    (folder / "line\nbreak.txt").write_text(ORDER.format(n=2), encoding="utf-8")
    (folder / "good.txt").write_text(ORDER.format(n=3), encoding="utf-8")
    (folder / os.fsdecode(b"empty\n\xfe.txt")).write_bytes(b"")
    code = cli_main(["ingest", str(folder), "--data-dir", str(empty.data_dir), "-q"])
    out, err = capsys.readouterr()
    assert code == 1  # one file failed, the others loaded
    assert "documents: 3 loaded, 0 unchanged, 0 replaced, 1 failed" in out
    assert "went away" not in err and "Traceback" not in err
    error_lines = [line for line in err.splitlines() if line.startswith("error:")]
    assert error_lines == [f"error: {folder}/empty\\n\\xfe.txt: empty file"]  # one line, the file named
    sources = sorted(row[0] for row in empty.query("MATCH (d:Document) RETURN d.source").rows)
    assert sources == sorted(f"{folder}/{name}" for name in ("good.txt", "line\\nbreak.txt", "prikaz_\\xff.txt"))
    # a document is taken out by the path it was loaded from
    assert cli_main(["remove", str(folder / os.fsdecode(b"prikaz_\xff.txt")), "--data-dir", str(empty.data_dir)]) == 0


def test_extract_writes_facts_for_odd_names_and_leaves_no_temporary_file(tmp_path, capsys):
    folder, out_dir = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    (folder / os.fsdecode(b"prikaz_\xff.txt")).write_text(ORDER.format(n=1), encoding="utf-8")
    assert cli_main(["extract", str(folder), "--out", str(out_dir), "-q"]) == 0
    assert "Traceback" not in capsys.readouterr().err
    assert sorted(p.name for p in out_dir.iterdir()) == ["prikaz_\\xff.json"]


# 5. uploads are identified by their content and the uploader's name, never by a server path

def test_two_different_uploads_of_one_name_are_two_documents(empty):
    first = ingest_uploads(empty, [("приказ.txt", ORDER.format(n=1).encode())])
    second = ingest_uploads(empty, [("приказ.txt", ORDER.format(n=2).encode())])
    assert [o.status for o in first + second] == ["loaded", "loaded"]
    assert empty.query("MATCH (d:Document) RETURN count(d)").rows == [[2]]
    again = ingest_uploads(empty, [("другое имя.txt", ORDER.format(n=2).encode())])
    assert again[0].status == "unchanged"  # the same content is the same document, whatever its name


def test_an_upload_named_like_a_server_path_replaces_nothing_and_names_no_path(empty, tmp_path):
    loaded = tmp_path / "order.txt"
    loaded.write_text(ORDER.format(n=1), encoding="utf-8")
    assert cli_main(["ingest", str(loaded), "--data-dir", str(empty.data_dir), "-q"]) == 0
    relative = os.path.relpath(loaded, Path.cwd())
    outcomes = ingest_uploads(empty, [(f"../{relative}", ORDER.format(n=2).encode()),
                                      ("../../../../etc/x.txt", ORDER.format(n=3).encode())])
    assert [o.status for o in outcomes] == ["loaded", "loaded"]
    sources = {row[0] for row in empty.query("MATCH (d:Document) RETURN d.source").rows}
    assert sources == {str(loaded), "order.txt", "x.txt"}  # the file's document is still there


# 8. deeply nested HTML

def test_html_nested_a_hundred_thousand_levels_deep_is_read_with_its_text():
    depth = 100_000
    page = ("<html><body>" + "<div>" * depth + "Приказ о проведении семинара" + "</div>" * depth
            + "<p>Директор школы Петрова А.И.</p>" + "</span>" * depth + "</body></html>")
    document = read_bytes(page.encode("utf-8"), "deep.html")
    assert document.text == "Приказ о проведении семинара\nДиректор школы Петрова А.И.\n"


# 10. judgements made from another folder keep where documents came from

def test_merge_and_undo_run_from_another_folder_keep_the_documents_sources(empty, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for n in (1, 2):
        (folder / f"order{n}.txt").write_text(ORDER.format(n=n), encoding="utf-8")
    assert cli_main(["ingest", str(folder), "--data-dir", str(empty.data_dir), "-q"]) == 0
    before = sorted(row[0] for row in empty.query("MATCH (d:Document) RETURN d.source").rows)
    schools = [row[0] for row in empty.query("MATCH (o:School) RETURN o.id ORDER BY o.id").rows]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    cwd = Path.cwd()
    try:
        os.chdir(elsewhere)
        merge(empty, empty.data_dir, schools[0], schools[1])
        undo(empty, empty.data_dir)
    finally:
        os.chdir(cwd)
    assert sorted(row[0] for row in empty.query("MATCH (d:Document) RETURN d.source").rows) == before
    assert cli_main(["remove", str(folder / "order1.txt"), "--data-dir", str(empty.data_dir)]) == 0


def test_a_line_break_in_a_name_never_splits_the_summary(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a\nb.txt").write_bytes(b"")
    done = subprocess.run([sys.executable, "-m", "graph.cli", "read", str(folder)], capture_output=True, text=True)
    assert done.stderr.splitlines() == [f"error: {folder}/a\\nb.txt: empty file"]
    assert done.stdout.splitlines() == ["read 0 document(s), 1 failed"]
