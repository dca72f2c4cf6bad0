"""Read documents of every supported format into one plain text each.

A :class:`Document` carries a stable id (the first 16 hex digits of the
SHA-256 of the file's bytes), the path as given, the format and the text.
Extraction spans are offsets into exactly ``Document.text``, so every reader
ends in the same minimal normalisation (:func:`normalise_text`): ``\\r\\n`` and
``\\r`` become ``\\n``, NBSP becomes a space, soft hyphens and zero-width marks
are removed, Unicode NFC.  Line structure is kept: the extraction reads
headers and signatures line by line.

Structured formats are flattened the same way: one paragraph per line, a
table row per line with its cells separated by a tab (a cell's own
paragraphs stay on their own lines, as letterheads often live in table cells).

Any bad input raises :class:`ReadError` whose ``str()`` is one line,
``"PATH: reason"``.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import logging
import os
import re
import stat
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "Document",
    "ReadError",
    "decode_text",
    "iter_document_paths",
    "normalise_text",
    "read_bytes",
    "read_document",
]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# suffix → Document.format
_FORMATS = {
    ".txt": "txt",
    ".docx": "docx",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".rtf": "rtf",
    ".odt": "odt",
}
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(_FORMATS)

# Documents we recognise but cannot read: inside folders these are reported,
# every other unsupported file (images, archives, styles…) is skipped silently.
_UNREADABLE_DOCUMENTS = {
    ".doc": "unsupported type .doc (old Word format: save it as .docx)",
    ".xls": "unsupported type .xls (spreadsheet)",
    ".xlsx": "unsupported type .xlsx (spreadsheet)",
    ".ods": "unsupported type .ods (spreadsheet)",
    ".ppt": "unsupported type .ppt (presentation)",
    ".pptx": "unsupported type .pptx (presentation)",
    ".odp": "unsupported type .odp (presentation)",
    ".djvu": "unsupported type .djvu (scanned document)",
    ".epub": "unsupported type .epub",
    ".fb2": "unsupported type .fb2",
}

# pypdf logs every quirk of a damaged PDF as a warning; our error line says enough
logging.getLogger("pypdf").setLevel(logging.ERROR)


@dataclass(frozen=True)
class Document:
    id: str  # sha256 of the file's bytes, hex, first 16 chars
    source: str  # the path as given
    format: str  # "txt" | "docx" | "pdf" | "html" | "rtf" | "odt"
    text: str  # extraction spans are offsets into exactly this string


# what a ReadError can be, for messages in another language: code → what the user should know
READ_ERROR_CODES = ("missing", "not_a_file", "unreadable_file", "too_large", "unsupported", "needs_conversion",
                    "empty", "binary", "undecodable", "corrupt", "encrypted", "no_text_layer", "no_text")


_CONTROL_ESCAPES = {**{chr(c): f"\\x{c:02x}" for c in range(0x20)}, "\n": "\\n", "\r": "\\r", "\t": "\\t", "\x7f": "\\x7f"}


def path_text(path: str | Path) -> str:
    """How a file's path is written in facts, the store and messages: one printable line of valid text. A
    byte the file system's encoding cannot decode is shown as ``\\xNN``, a line break in a name as ``\\n``."""
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return text.translate(str.maketrans(_CONTROL_ESCAPES)) if any(c < " " or c == "\x7f" for c in text) else text


class ReadError(Exception):
    """A file that cannot be read; ``str()`` is the one line shown to the user, ``code`` says what it is
    (one of :data:`READ_ERROR_CODES`)."""

    def __init__(self, path: str | Path, reason: str, code: str = "corrupt") -> None:
        super().__init__(path_text(path), reason, code)  # all in args, so it pickles across processes
        self.path = path_text(path)
        self.reason = reason
        self.code = code

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class _Unreadable(Exception):
    """Raised by the format readers with the reason (and its code) only; the caller adds the path."""

    def __init__(self, reason: str, code: str = "corrupt") -> None:
        super().__init__(reason)
        self.code = code


# ---------------------------------------------------------------- public API


def read_document(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one file; raises :class:`ReadError` naming the file and the reason."""
    source = path_text(path)
    fmt = _format_of(source)
    data = _read_file_bytes(path, max_bytes)
    return _document_from_bytes(data, source, fmt)


def read_bytes(data: bytes, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read an uploaded file's bytes; the format comes from ``name``'s suffix."""
    fmt = _format_of(name)
    if len(data) > max_bytes:
        raise ReadError(name, _too_large(len(data), max_bytes), "too_large")
    return _document_from_bytes(data, name, fmt)


def iter_document_paths(paths: Iterable[str | Path]) -> Iterator[Path | ReadError]:
    """The files to read under ``paths``, or a :class:`ReadError` for each path that cannot be.

    A file given explicitly is yielded whatever its name (a hidden file too);
    its type is checked here, so an unsupported one yields a ReadError.
    A folder is walked recursively in sorted order, skipping hidden files and
    folders, Office lock files (``~$…``) and files that are not documents;
    files of a known document type we cannot read (``.doc``, ``.xlsx``…)
    yield a ReadError so the user learns they were left out.  A missing path
    yields a ReadError.  A file reached twice is yielded once.
    """
    if isinstance(paths, (str, Path)):  # one path, not an iterable of its characters
        paths = [paths]
    seen: set[str] = set()
    for given in paths:
        path = Path(given)
        for found in _expand(path):
            if isinstance(found, ReadError):
                yield found
                continue
            key = os.path.realpath(found)
            if key not in seen:
                seen.add(key)
                yield found


def decode_text(data: bytes) -> str:
    """Decode plain-text bytes, detecting the encoding; raises ``ValueError`` with the reason.

    Order: a BOM; UTF-16 without BOM (the NUL pattern of its ASCII halves);
    strict UTF-8; then the single-byte Cyrillic code pages scored on how Russian
    the decoded text looks (charset-normalizer confuses them on short texts);
    charset-normalizer only for text that is not Cyrillic at all.
    """
    try:
        return _decode_text(data)
    except _Unreadable as exc:
        raise ValueError(str(exc)) from None


def normalise_text(text: str) -> str:
    """The minimal normalisation every reader applies (see the module doc)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_NORMALISE_CHARS)
    return unicodedata.normalize("NFC", text)


_NORMALISE_CHARS = str.maketrans({
    # other control characters (U+0000 among them: a store cuts a query at it) go; tab and line breaks stay
    **{chr(c): None for c in (*range(0x00, 0x09), *range(0x0e, 0x20), 0x7f)},
    "\u00a0": " ",  # NBSP
    "\u202f": " ",  # narrow NBSP
    "\u00ad": None,  # soft hyphen
    "\u200b": None,  # zero-width space
    "\ufeff": None,  # BOM / zero-width no-break space inside text
    "\f": "\n",
    "\v": "\n",
})


# ---------------------------------------------------------------- files and folders


def _format_of(name: str) -> str:
    suffix = os.path.splitext(name)[1].lower()
    if suffix in _FORMATS:
        return _FORMATS[suffix]
    if suffix in _UNREADABLE_DOCUMENTS:
        raise ReadError(name, _UNREADABLE_DOCUMENTS[suffix], "needs_conversion")
    described = f"type {suffix}" if suffix else "type (no file extension)"
    raise ReadError(name, f"unsupported {described}; supported: {', '.join(SUPPORTED_SUFFIXES)}", "unsupported")


def _too_large(size: int, max_bytes: int) -> str:
    return f"file too large ({_megabytes(size)} > limit {_megabytes(max_bytes)}; see --max-bytes)"


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size >= 100 * 1024 else f"{size} bytes"


def _read_file_bytes(source: str | Path, max_bytes: int) -> bytes:
    """The file's bytes, read once; its size and kind are checked before it is opened."""
    try:
        info = os.stat(source)
        if stat.S_ISDIR(info.st_mode):
            raise ReadError(source, "is a folder, not a file", "not_a_file")
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device would block or never end
            raise ReadError(source, "not a regular file", "not_a_file")
        if info.st_size > max_bytes:
            raise ReadError(source, _too_large(info.st_size, max_bytes), "too_large")
        with open(source, "rb") as handle:
            data = handle.read(max_bytes + 1)  # +1: a file that grew since stat is still caught
    except FileNotFoundError:
        raise ReadError(source, "no such file", "missing") from None
    except PermissionError:
        raise ReadError(source, "cannot open the file: permission denied", "unreadable_file") from None
    except OSError as exc:
        raise ReadError(source, f"cannot open the file: {exc.strerror or exc}", "unreadable_file") from None
    if len(data) > max_bytes:
        raise ReadError(source, _too_large(len(data), max_bytes), "too_large")
    return data


def _expand(path: Path) -> Iterator[Path | ReadError]:
    try:
        is_dir = path.is_dir()
        exists = is_dir or path.exists()
    except OSError as exc:
        yield ReadError(path, f"cannot open: {exc.strerror or exc}", "unreadable_file")
        return
    if not exists:
        yield ReadError(path, "no such file or folder", "missing")
    elif not is_dir:
        try:
            _format_of(str(path))
        except ReadError as exc:
            yield exc
            return
        yield path
    else:
        yield from _walk_folder(path)


def _walk_folder(folder: Path) -> Iterator[Path | ReadError]:
    found: list[Path | ReadError] = []

    def on_error(exc: OSError) -> None:
        found.append(ReadError(exc.filename or folder, f"cannot read the folder: {exc.strerror or exc}", "unreadable_file"))

    for root, dirs, files in os.walk(folder, onerror=on_error):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        for name in files:
            if name.startswith((".", "~$")):
                continue
            suffix = os.path.splitext(name)[1].lower()
            if suffix in _FORMATS:
                found.append(Path(root, name))
            elif suffix in _UNREADABLE_DOCUMENTS:
                found.append(ReadError(Path(root, name), _UNREADABLE_DOCUMENTS[suffix], "needs_conversion"))
    yield from sorted(found, key=lambda item: _sort_key(item.path if isinstance(item, ReadError) else item))


def _sort_key(path: str | Path) -> tuple[str, ...]:
    return Path(path).parts


# ---------------------------------------------------------------- dispatch


def _document_from_bytes(data: bytes, source: str, fmt: str) -> Document:
    if not data:
        raise ReadError(source, "empty file", "empty")
    reader = _READERS[fmt]
    try:
        text = normalise_text(reader(data))
    except _Unreadable as exc:
        raise ReadError(source, str(exc), exc.code) from None
    except Exception as exc:  # libraries raise anything on a corrupt file; it must stay one line
        raise ReadError(source, f"corrupt or unreadable .{fmt} file ({type(exc).__name__}: {_one_line(exc)})") from None
    if not text.strip():
        raise ReadError(source, "no text in the document" if fmt != "txt" else "empty file (only whitespace)",
                        "no_text" if fmt != "txt" else "empty")
    return Document(id=hashlib.sha256(data).hexdigest()[:16], source=source, format=fmt, text=text)


def _one_line(exc: Exception) -> str:
    message = " ".join(str(exc).split())
    return message[:200] or "no details"


# ---------------------------------------------------------------- plain text

# leading bytes of binary formats someone may have renamed to .txt
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a zip archive (.docx/.odt/.xlsx?)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office file (.doc/.xls?)"),
    (b"{\\rtf", "an RTF file"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an executable"),
    (b"AT&TFORM", "a DjVu file"),
)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_CYRILLIC_CODEPAGES = ("cp1251", "koi8_r", "mac_cyrillic", "cp866")
_SAMPLE_BYTES = 64 * 1024  # enough to score an encoding; the whole file is decoded once

_RUSSIAN_LETTERS = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ")
# the most frequent letter pairs of Russian prose; a wrong code page scrambles them
_COMMON_BIGRAMS = frozenset(
    "ае ак ал ам ан ат ая ва ве ви вл во вы га гл го да де ди до др ду ед ее ей ек ел ем ен ер ес ет же жи "
    "за зв зн ие ии ий ик ил им ин ир ис ит ия ка ки ко кт ку ла ле ли ло лу ль ля ма ме ми мо мп му на не "
    "ни но ны нь ня об ов ог од ой ок ол ом он ор ос от по пр ра ре ри ро ру ры се ск сл сп ст ся та те ти "
    "то тр ту ты уч ую ци ча че чи ше ще ых ьн ьс ют ющ яз".split()
)
_TYPOGRAPHY = frozenset("«»„“”‘’–—…№•·°§±×\u00a0\u00ad\u202f\u2116\ufeff")
_TEXT_CONTROLS = frozenset("\t\n\r\f\v")


def _read_txt(data: bytes) -> str:
    return _decode_text(data)


def _decode_text(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict_decode(data[len(bom):], encoding)
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    _reject_binary(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = _decode_single_byte(data, exc.start)
    _reject_control_characters(text)
    return text


def _strict_decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise _Unreadable(f"undecodable text: has a {encoding} byte order mark but invalid {encoding} "
                          f"at byte {exc.start}", "undecodable") from None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM: the high bytes of ASCII and Cyrillic are NUL or 0x04."""
    if len(data) < 4 or len(data) % 2 or b"\x00" not in data[:_SAMPLE_BYTES]:
        return None
    sample = data[:_SAMPLE_BYTES]
    for encoding, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        # NUL or 0x04 (the Cyrillic block) as the high byte of nearly every character
        if (high.count(0) + high.count(4)) / len(high) >= 0.9 and high.count(0) > 0:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if _control_share(text) < 0.01:
                return text
    return None


def _reject_binary(data: bytes) -> None:
    for magic, described in _MAGIC:
        if data.startswith(magic):
            raise _Unreadable(f"not a plain text file: looks like {described}", "binary")
    if b"\x00" in data:
        raise _Unreadable("binary or corrupt file: contains NUL bytes", "binary")


def _reject_control_characters(text: str) -> None:
    if _control_share(text[:_SAMPLE_BYTES]) >= 0.01:
        raise _Unreadable("binary or corrupt file: control characters in the text", "binary")


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(1 for ch in text if ch < " " and ch not in _TEXT_CONTROLS)
    return controls / len(text)


def _decode_single_byte(data: bytes, utf8_error_at: int) -> str:
    sample = data[:_SAMPLE_BYTES]
    scored = []
    for encoding in _CYRILLIC_CODEPAGES:
        try:
            decoded = sample.decode(encoding)
        except UnicodeDecodeError:  # cp1251 leaves 0x98 undefined
            continue
        scored.append((_russian_score(decoded), encoding))
    if scored:
        # max keeps the first of equal scores: the order above is the order of likelihood
        (score, letters), encoding = max(scored, key=lambda item: item[0])
        if letters and score > 0:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:  # an undefined byte past the sample
                pass
    return _decode_with_detector(data, utf8_error_at)


def _decode_with_detector(data: bytes, utf8_error_at: int) -> str:
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise _Unreadable(f"undecodable text: invalid UTF-8 at byte {utf8_error_at}, and neither Windows-1251, "
                          "KOI8-R nor any other encoding fits (mixed encodings?)", "undecodable")
    return str(best)


def _russian_score(text: str) -> tuple[float, int]:
    """(how Russian the text looks, how many Cyrillic letters it has).

    The right code page yields common bigrams, letters where a wrong one puts
    symbols or letters outside Russian (box drawing, Ђ, ј, “), and no capital
    in the middle of a word (mac-cyrillic's «я» is cp1251's «Я»).
    """
    letters = pairs = hits = flips = symbols = odd = 0
    previous = ""  # the previous letter in lower case, "" after a non-letter
    previous_was_lower = False
    for ch in text:
        if ch in _RUSSIAN_LETTERS:
            letters += 1
            small = ch.lower()
            if previous:
                pairs += 1
                hits += previous + small in _COMMON_BIGRAMS
                flips += previous_was_lower and ch != small
            previous, previous_was_lower = small, ch == small
            continue
        previous = ""
        if ch >= "\x80":
            symbols += 1
            odd += ch not in _TYPOGRAPHY
    if not letters:
        return -1.0, 0
    score = (hits / max(pairs, 1) + letters / (letters + symbols)
             - 3.0 * odd / (letters + odd) - 2.0 * flips / letters)
    return score, letters


# ---------------------------------------------------------------- HTML

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# page chrome that is never the article
_HTML_NEVER_TEXT = ["script", "style", "noscript", "template", "svg", "object", "embed", "canvas"]
_HTML_DROP = ["nav", "aside", "form", "iframe", "button", "select", "map", "dialog"]
_HTML_CHROME_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar"}
_HTML_CHROME_NAMES = re.compile(
    r"(?:^|[-_\s])(?:menu|nav|navbar|navigation|breadcrumbs?|sidebar|footer|banner|share|social|cookies?|"
    r"topbar|skip-?links?)(?:$|[-_\s\d])",
    re.IGNORECASE,
)
_HTML_BLOCKS = frozenset(
    "address article aside blockquote body caption center dd details div dl dt fieldset figcaption figure "
    "h1 h2 h3 h4 h5 h6 header footer hr li main ol p section summary table tbody thead tfoot tr ul title".split()
)
_HTML_LINK_BLOCKS = ["ul", "ol", "dl", "div", "section", "table", "tr", "td", "p", "header", "footer", "menu"]
_WHITESPACE_RUN = re.compile(r"\s+")
_BREAK = "\x1e"  # placeholders while rendering; never in normalised text
_CELL = "\x1f"


def _read_html(data: bytes) -> str:
    from bs4 import BeautifulSoup

    markup = flatten_deep_markup(_decode_html(data))
    text = _html_text(BeautifulSoup(markup, "lxml"), main_only=True)
    if not text:
        # a page that is nothing but links (a list of documents) is still read, chrome and all
        text = _html_text(BeautifulSoup(markup, "lxml"), main_only=False)
    return text


MAX_HTML_DEPTH = 200  # real pages nest a few dozen levels; a hostile one 100k (tree building then goes quadratic)
_VOID_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr".split())


class _Flattener(HTMLParser):
    """One linear pass over the markup that keeps every text and every tag down to ``limit`` levels and drops
    the tags below (their text stays): the tree built afterwards is never deeper than that."""

    def __init__(self, limit: int):
        super().__init__(convert_charrefs=False)
        self.limit, self.out = limit, []
        self.open: list[str] = []
        self.counts: Counter[str] = Counter()  # open tags by name: an end tag's match found in O(1)

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _VOID_TAGS:
            self.out.append(self.get_starttag_text() or "")
            return
        self.open.append(tag)
        self.counts[tag] += 1
        if len(self.open) <= self.limit:
            self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if not self.counts[tag]:
            return  # closes nothing open
        while self.open:
            depth, name = len(self.open), self.open.pop()
            self.counts[name] -= 1
            if depth <= self.limit:
                self.out.append(f"</{name}>")
            if name == tag:
                return

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.out.append(self.get_starttag_text() or "")

    def handle_data(self, data: str) -> None:
        self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")


def flatten_deep_markup(markup: str, limit: int = MAX_HTML_DEPTH) -> str:
    """The markup with tags nested below ``limit`` levels dropped, their text kept (linear in its length)."""
    flattener = _Flattener(limit)
    flattener.feed(markup)
    flattener.close()
    return "".join(flattener.out)


def _html_text(soup, main_only: bool) -> str:
    for tag in soup(["head", *_HTML_NEVER_TEXT]):
        tag.decompose()
    root = soup.body or soup
    if main_only:
        root = _html_main_root(soup)
        _drop_html_chrome(root)
        _drop_link_dense_blocks(root)
    parts: list[str] = []
    _render_html(root, parts)
    return _html_lines("".join(parts))


def _decode_html(data: bytes) -> str:
    """BOM, then UTF-8 if valid (pages often declare a charset they don't use), then meta, then detection."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict_decode(data[len(bom):], encoding)
    _reject_binary(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error_at = exc.start
    head = data[:4096]
    declared = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass  # unknown or wrong charset: detect it
    return _decode_single_byte(data, utf8_error_at)


def _html_main_root(soup):
    """The page's <main> or its only <article> when it has one, else the body."""
    mains = soup.find_all("main") or soup.find_all(attrs={"role": "main"})
    if len(mains) == 1 and mains[0].get_text(strip=True):
        return mains[0]
    articles = soup.find_all("article")
    if len(articles) == 1 and articles[0].get_text(strip=True):
        return articles[0]
    return soup.body or soup


def _drop_html_chrome(root) -> None:
    for tag in root(_HTML_DROP):
        tag.decompose()
    for tag in root.find_all(["header", "footer"]):
        # an <article>'s own header holds its title and date
        if tag.find_parent(["article", "main"]) is None:
            tag.decompose()
    page_length = _text_length(root)
    for tag in root.find_all(True):
        if tag.decomposed or tag.name in ("body", "main", "article"):
            continue
        role = str(tag.get("role") or "").lower()
        names = " ".join([str(tag.get("id") or ""), *tag.get("class", [])])
        # a wrapper named "with-sidebar" can hold the whole page: names alone never drop most of it
        if (role in _HTML_CHROME_ROLES or _HTML_CHROME_NAMES.search(names)) and \
                _text_length(tag) <= page_length / 2:
            tag.decompose()


def _text_length(tag) -> int:
    return len("".join(tag.get_text().split()))


def _drop_link_dense_blocks(root) -> None:
    """Blocks that are mostly link text (menus, tag clouds, pagers) are not the article."""
    for tag in root.find_all(_HTML_LINK_BLOCKS):
        if tag.decomposed:
            continue
        links = tag.find_all("a")
        if len(links) < 2:
            continue
        text_length = _text_length(tag)
        link_length = sum(_text_length(link) for link in links)
        if text_length and link_length / text_length >= 0.6:
            tag.decompose()


def _render_html(node, parts: list[str]) -> None:
    from bs4.element import NavigableString, PreformattedString, Tag

    for child in node.children:
        if isinstance(child, PreformattedString):  # comments, doctype, CDATA
            continue
        if isinstance(child, NavigableString):
            parts.append(_WHITESPACE_RUN.sub(" ", child))  # HTML whitespace: any run is one space
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name == "br":
            parts.append(_BREAK)
        elif name == "pre":
            parts.append(_BREAK + child.get_text().replace("\n", _BREAK) + _BREAK)
        elif name in ("td", "th"):
            _render_html(child, parts)
            parts.append(_CELL)
        elif name in _HTML_BLOCKS:
            parts.append(_BREAK)
            _render_html(child, parts)
            parts.append(_BREAK)
        else:
            _render_html(child, parts)


def _html_lines(rendered: str) -> str:
    lines = []
    for line in rendered.split(_BREAK):
        cells = [re.sub(r" {2,}", " ", cell).strip() for cell in line.split(_CELL)]
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            lines.append("\t".join(cells))
    return "\n".join(lines) + "\n" if lines else ""


# ---------------------------------------------------------------- DOCX


def _read_docx(data: bytes) -> str:
    import docx
    from docx.oxml.ns import qn

    _check_zip(data, "word/document.xml", "docx")
    body = docx.Document(io.BytesIO(data)).element.body
    tags = {"p": qn("w:p"), "tbl": qn("w:tbl"), "sdt": qn("w:sdt"), "sdtContent": qn("w:sdtContent"),
            "tr": qn("w:tr"), "tc": qn("w:tc"), "tcPr": qn("w:tcPr"), "vMerge": qn("w:vMerge"),
            "val": qn("w:val")}
    lines: list[str] = []
    _docx_blocks(body, tags, lines)
    return "\n".join(lines) + "\n"


# Every run of a paragraph, also inside hyperlinks, smart tags, fields, content controls and
# tracked insertions; not those of text boxes (anchored here, drawn elsewhere, and written twice
# for old Word) nor moved-away text.  CT_R.text spells out tabs and breaks; deleted text is w:delText.
_DOCX_RUNS = ".//w:r[not(ancestor::w:txbxContent) and not(ancestor::w:moveFrom)]"


def _docx_blocks(container, tags: dict[str, str], lines: list[str]) -> None:
    """Paragraphs and tables in document order, also inside content controls."""
    for child in container:
        if child.tag == tags["p"]:
            lines.append("".join(run.text for run in child.xpath(_DOCX_RUNS)))
        elif child.tag == tags["tbl"]:
            for row in child.iterchildren(tags["tr"]):
                lines.append(_docx_row(row, tags))
        elif child.tag in (tags["sdt"], tags["sdtContent"]):
            _docx_blocks(child, tags, lines)


def _docx_row(row, tags: dict[str, str]) -> str:
    cells = []
    for cell in _docx_cells(row, tags):
        merge = cell.find(f"{tags['tcPr']}/{tags['vMerge']}")
        if merge is not None and merge.get(tags["val"], "continue") == "continue":
            continue  # a vertically merged cell's text is in the row above
        cell_lines: list[str] = []
        _docx_blocks(cell, tags, cell_lines)
        cells.append("\n".join(cell_lines).strip())
    while cells and not cells[-1]:
        cells.pop()
    return "\t".join(cells)


def _docx_cells(row, tags: dict[str, str]) -> Iterator:
    for child in row:
        if child.tag == tags["tc"]:
            yield child
        elif child.tag in (tags["sdt"], tags["sdtContent"]):
            yield from _docx_cells(child, tags)


# What a Word or OpenDocument file may inflate to. Python's zipfile never inflates a member beyond the size
# its header declares, so checking the declared sizes before anything is read bounds the memory and time.
MAX_INFLATED_XML = 30 * 1024 * 1024  # one XML part: a 500-page order's document.xml is a few MB
MAX_INFLATED_TOTAL = 200 * 1024 * 1024  # the whole archive, pictures included


def _check_zip(data: bytes, required: str, fmt: str) -> None:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise _Unreadable(f"not a valid .{fmt}: it is an old Office file (.doc/.xls?) renamed")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        raise _Unreadable(f"not a valid .{fmt}: not a zip archive (corrupt or another format renamed)") from None
    if required not in {m.filename for m in members}:
        raise _Unreadable(f"not a valid .{fmt}: the archive has no {required}")
    for member in members:
        if member.filename.endswith(".xml") and member.file_size > MAX_INFLATED_XML:
            raise _Unreadable(f"refused: {member.filename} would inflate to {_whole_megabytes(member.file_size)} "
                              f"(more than {_whole_megabytes(MAX_INFLATED_XML)}: a zip bomb or not a document)", "too_large")
    total = sum(m.file_size for m in members)
    if total > MAX_INFLATED_TOTAL:
        raise _Unreadable(f"refused: the archive would inflate to {_whole_megabytes(total)} "
                          f"(more than {_whole_megabytes(MAX_INFLATED_TOTAL)}: a zip bomb or not a document)", "too_large")


def _whole_megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB"


# ---------------------------------------------------------------- ODT

_ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_ODF_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
# parts of the body that are not its running text
_ODF_SKIP = {(_ODF_TEXT, "note"), (_ODF_TEXT, "tracked-changes"), (_ODF_TEXT, "sequence-decls"),
             (_ODF_TEXT, "variable-decls"), (_ODF_TEXT, "user-field-decls"), (_ODF_TABLE, "covered-table-cell")}


def _read_odt(data: bytes) -> str:
    from odf.opendocument import load

    _check_zip(data, "content.xml", "odt")
    body = load(io.BytesIO(data)).text
    lines: list[str] = []
    _odt_blocks(body, lines)
    return "\n".join(lines) + "\n"


def _odt_blocks(element, lines: list[str]) -> None:
    for child in element.childNodes:
        qname = getattr(child, "qname", None)
        if qname is None or qname in _ODF_SKIP:
            continue
        if qname in ((_ODF_TEXT, "p"), (_ODF_TEXT, "h")):
            lines.append(_odt_inline(child))
        elif qname == (_ODF_TABLE, "table-row"):
            lines.append(_odt_row(child))
        else:  # lists, sections, tables, frames: their blocks in order
            _odt_blocks(child, lines)


def _odt_row(row) -> str:
    cells = []
    for cell in row.childNodes:
        if getattr(cell, "qname", None) != (_ODF_TABLE, "table-cell"):
            continue
        cell_lines: list[str] = []
        _odt_blocks(cell, cell_lines)
        cells.append("\n".join(cell_lines).strip())
    while cells and not cells[-1]:
        cells.pop()
    return "\t".join(cells)


def _odt_inline(element) -> str:
    """A paragraph's text: spans and links, with <text:s/>, tabs and line breaks spelled out."""
    parts: list[str] = []
    for child in element.childNodes:
        if child.nodeType == child.TEXT_NODE:
            parts.append(child.data)
            continue
        qname = getattr(child, "qname", None)
        if qname == (_ODF_TEXT, "s"):
            parts.append(" " * int(child.getAttrNS(_ODF_TEXT, "c") or 1))
        elif qname == (_ODF_TEXT, "tab"):
            parts.append("\t")
        elif qname == (_ODF_TEXT, "line-break"):
            parts.append("\n")
        elif qname not in _ODF_SKIP:
            parts.append(_odt_inline(child))
    return "".join(parts)


# ---------------------------------------------------------------- PDF


def _read_pdf(data: bytes) -> str:
    from pypdf import PdfReader

    if b"%PDF-" not in data[:1024]:
        raise _Unreadable("not a valid .pdf: no %PDF header (corrupt or another format renamed)")
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise _Unreadable("encrypted PDF: a password is needed to read it", "encrypted")
    pages = [page.extract_text() or "" for page in reader.pages]
    if not any(page.strip() for page in pages):
        raise _Unreadable("no text layer (scanned PDF?)", "no_text_layer")
    return "\n".join(page.rstrip("\n") for page in pages) + "\n"


# ---------------------------------------------------------------- RTF

_RTF_CODEPAGE = re.compile(rb"\\ansicpg(\d+)")
_RTF_CELL = re.compile(r"\\(?:nest)?cell(?![a-zA-Z]) ?")


def _read_rtf(data: bytes) -> str:
    from striprtf.striprtf import rtf_to_text

    if not data.lstrip().startswith(b"{\\rtf"):
        raise _Unreadable("not a valid .rtf: no {\\rtf header (corrupt or another format renamed)")
    codepage = _RTF_CODEPAGE.search(data[:4096])
    encoding = f"cp{codepage.group(1).decode()}" if codepage else "cp1252"
    try:
        codecs.lookup(encoding)
    except LookupError:
        encoding = "cp1252"
    # raw 8-bit characters are in the document's code page; \'xx escapes are decoded by striprtf
    source = data.decode(encoding, errors="replace")
    # striprtf writes "|" between cells; a tab is what the other readers write and is not ambiguous
    source = _RTF_CELL.sub(r"\\tab ", source)
    text = rtf_to_text(source, encoding=encoding, errors="replace")
    return re.sub(r"\t+\n", "\n", text)


_READERS: dict[str, Callable[[bytes], str]] = {
    "txt": _read_txt,
    "docx": _read_docx,
    "pdf": _read_pdf,
    "html": _read_html,
    "rtf": _read_rtf,
    "odt": _read_odt,
}
