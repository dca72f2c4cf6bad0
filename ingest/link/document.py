"""The document's own facts: kind, number, date, place and title from its header (ingest/header.py), its
issuer — the organisation of the letterhead, of the body («Администрация … постановляет:») or of the
signature, never a web page's site — and its signatory (none for a news item)."""

from __future__ import annotations

import re

from ingest.entities import OrgEntity, org_identity
from ingest.facts import DocumentInfo
from ingest.header import Header, Signature, find_signature
from ingest.mentions import SentenceMentions
from ingest.normalise import org_kind
from ingest.orgs import OrgMention, find_orgs
from ingest.posts import normalize_post
from ingest.text import Sentence

# kinds of documents an organisation issues and signs
_ISSUED = ("order", "resolution", "letter", "protocol")


def document_info(document, header: Header, sentences: list[Sentence], all_mentions: list[SentenceMentions],
                  orgs: list[OrgEntity], acronyms: dict[str, str], person_of: dict,
                  org_of: dict) -> tuple[DocumentInfo, OrgEntity | None, Signature | None]:
    """The document's fields, its issuer (an entity of ``orgs``, added there when the header names one the
    text does not) and its signature; the signatory gets the signature's post."""
    text = document.text
    info = DocumentInfo(id=document.id, source=document.source, kind=header.kind, number=header.number,
                        date=header.date, place=header.place, text=text)
    issuer = _issuer(header, orgs, acronyms)
    signature = find_signature(text, _body_start(text, header.header_end), closing=header.kind != "news")
    if signature is not None:
        info.signatory = signature.name if header.kind != "news" else None  # a news item is signed by nobody
        sig_person = person_of.get((signature.start, signature.end))
        in_post = _org_mentions_in(all_mentions, signature.post_start, signature.start)
        sig_org = next((org_of[(o.start, o.end)] for o in in_post if (o.start, o.end) in org_of), None)
        if issuer is None and sig_org is not None and header.kind in _ISSUED:
            issuer = sig_org
        if sig_person is not None:
            post_text = text[signature.post_start: signature.start]
            org_mention = next(iter(in_post), None)
            if org_mention is not None and org_mention.legal:
                post_text = text[signature.post_start: org_mention.start]
            sig_person.posts.append((normalize_post(post_text), sig_org or issuer,
                                     _sentence_span(sentences, signature.start)))
    if header.kind == "news":
        issuer = None  # a web page's site is not its issuer
    info.issuer = issuer.name if issuer else None
    info.title = header.title
    return info, issuer, signature


def _body_start(text: str, header_end: int) -> int:
    """Where a signature may begin: after the first line of running text, or the header."""
    m = re.search(r"^.{61,}$", text, re.M)
    return min(header_end, m.start()) if m else header_end


def _sentence_span(sentences: list[Sentence], position: int) -> tuple[int, int]:
    for s in sentences:
        if s.start <= position < s.end:
            return s.span
    return (position, position)


def _org_mentions_in(all_mentions: list[SentenceMentions], start: int, end: int) -> list[OrgMention]:
    """The organisation mentions that begin between two offsets, in the order of the text."""
    return [o for sm in all_mentions for o in sm.orgs if start <= o.start < end]


_BODY_HEAD = re.compile(r"(?:Администраци|Управлени|Отдел|Комитет|Департамент|Министерств|Правительств)\w*\s+\S")


def _issuer(header: Header, orgs: list[OrgEntity], acronyms: dict[str, str]) -> OrgEntity | None:
    if not header.issuer_text:
        return None
    found = find_orgs(header.issuer_text)
    if not found:
        # «Администрация Заполярного района», which the organisation rules may not read: as the header writes it
        if not _BODY_HEAD.match(header.issuer_text):
            return None
        found = [OrgMention(header.issuer_text, org_kind(header.issuer_text), 0, 0, header.issuer_text)]
    key = org_identity(found[0], acronyms)
    # the letterhead in full («… «Сычёвский район» Смоленской области», «Муниципальное бюджетное … учреждение …
    # Центр …»), where the organisation rules read only a part of it; an official short form stays
    full = header.issuer_text if len(header.issuer_text) > len(found[0].name) and not found[0].legal and not re.search(
        r"[.;:]", header.issuer_text) and header.issuer_text.count(" ") < 25 else None
    for org in orgs:
        if org_identity(org, acronyms) == key:
            if full and len(full) > len(org.name):
                org.aliases.append(org.name)
                org.name = full
            return org
    entity = OrgEntity(full or found[0].name, found[0].kind, legal=bool(found[0].legal))
    orgs.insert(0, entity)
    entity.spans.append((0, header.header_end))
    return entity
