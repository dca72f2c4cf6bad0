# A copy of ../shared/eval/score.py (the company scorer), kept here so that the seeds test
# runs on a clone without ../shared. Keep it in step with the shared one.
"""Score extracted facts against gold facts, per category and overall.

Usage:
    score.py GOLD_DIR PRED_DIR [--json] [--min-f1 X] [--verbose]

Each directory holds one JSON file per document, named like the document
(NAME.json for NAME.txt).  The format is described in ../design/FACTS.md.
Only the standard library is used, so the scorer runs anywhere.

Matching is deliberately tolerant of surface form (case, quotes, spacing,
'средняя общеобразовательная школа' vs 'СОШ') but strict on identity:
people match on surname and initials, organisations on their distinctive
words and their type (a school never matches a kindergarten), events on
date plus host or title.  A prediction that is not in nominative case
('Фандиной') does not match.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from difflib import SequenceMatcher
from pathlib import Path

ABBREVIATIONS = [
    (r"муниципальн\w* казенн\w* общеобразовательн\w* учреждени\w*", "мкоу"),
    (r"муниципальн\w* бюджетн\w* общеобразовательн\w* учреждени\w*", "мбоу"),
    (r"муниципальн\w* автономн\w* общеобразовательн\w* учреждени\w*", "маоу"),
    (r"муниципальн\w* общеобразовательн\w* учреждени\w*", "моу"),
    (r"средн\w* общеобразовательн\w* школ\w*", "сош"),
    (r"основн\w* общеобразовательн\w* школ\w*", "оош"),
    (r"начальн\w* общеобразовательн\w* школ\w*", "нош"),
    (r"средн\w* школ\w*", "сош"),
    (r"дошкольн\w* образовательн\w* учреждени\w*", "доу"),
    (r"детск\w* сад\w*", "детский_сад"),
    (r"рабоч\w* поселк\w*|рабоч\w* посёлк\w*", "р.п."),
]
GENERIC = {
    "мкоу", "мбоу", "маоу", "моу", "гбоу", "гоу", "оу", "сош", "оош", "нош", "доу", "мдоу",
    "мбдоу", "мкдоу", "детский_сад", "школа", "гимназия", "лицей", "р.п.", "п.", "с.", "г.",
    "д.", "пгт", "пгт.", "п.г.т.", "село", "поселок", "посёлок", "район", "района", "районный",
    "районного", "муниципальный", "муниципального", "городской", "округ", "области", "область",
    "край", "края", "республика", "республики", "им.", "имени", "№", "and", "и", "по", "для",
    "в", "на", "с", "при", "администрации", "администрация", "учреждение", "управление",
    "отдел", "комитет", "образования", "общего", "мку", "гау", "дпо", "государственное",
    "автономное", "учреждения",
}
TYPE_CLASSES = [
    ("kindergarten", ("детский_сад", "доу", "мдоу", "мбдоу", "мкдоу")),
    ("school", ("сош", "оош", "нош", "школ", "гимназ", "лице")),
    ("authority", ("управлени", "отдел", "комитет", "департамент", "министерств")),
    ("institute", ("институт", "университет", "колледж", "дпо", "иро")),
]


def norm(text: str | None) -> str:
    if not text:
        return ""
    text = text.lower().replace("ё", "е")
    text = re.sub(r"[«»\"“”„'`]", " ", text)
    text = re.sub(r"\.(?=\S)", ". ", text)
    for pattern, short in ABBREVIATIONS:
        text = re.sub(pattern, short, text)
    text = re.sub(r"[,;:()]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def stem(word: str, size: int = 5) -> str:
    return word[:size]


def distinctive(text: str | None) -> set[str]:
    return {stem(w) for w in norm(text).split() if w not in GENERIC and len(w) > 2}


def type_class(text: str | None) -> str | None:
    n = norm(text)
    for name, markers in TYPE_CLASSES:
        if any(m in n for m in markers):
            return name
    return None


def same_date(pred: str | None, gold: str | None) -> bool:
    """ISO dates; a gold year written XXXX (not stated in the text) matches any year."""
    if not pred or not gold:
        return False
    if gold.startswith("XXXX"):
        return pred[4:] == gold[4:]
    return pred == gold


def ratio(a: str | None, b: str | None) -> float:
    return SequenceMatcher(None, norm(a), norm(b)).ratio()


# ---------------------------------------------------------------- people

def person_key(name: str | None):
    """(surname, first initial, patronymic initial or '') from a name string."""
    if not name:
        return None
    n = name.replace("ё", "е").replace("Ё", "Е").strip()
    tokens = re.findall(r"[А-ЯA-Z][а-яa-z\-]+|[А-ЯA-Z]\.", n)
    words = [t for t in tokens if not t.endswith(".")]
    initials = [t[0] for t in tokens if t.endswith(".")]
    if not words:
        return None
    if initials:
        surname = words[0]
        first, patr = initials[0], (initials[1] if len(initials) > 1 else "")
    else:
        surname = words[0]
        first = words[1][0] if len(words) > 1 else ""
        patr = words[2][0] if len(words) > 2 else ""
    return surname.lower(), first.lower(), patr.lower()


def person_match(a: str | None, b: str | None) -> bool:
    ka, kb = person_key(a), person_key(b)
    if not ka or not kb:
        return False
    if ka[0] != kb[0] or ka[1] != kb[1]:
        return False
    return not ka[2] or not kb[2] or ka[2] == kb[2]


def full_form_ok(pred: str, gold: str) -> bool:
    """The predicted name is written as the gold one is (full or initials), in nominative."""
    return norm(pred).replace(". ", ".") == norm(gold).replace(". ", ".")


# ---------------------------------------------------------- organisations

def org_names(item) -> list[str]:
    if isinstance(item, str):
        return [item]
    return [item.get("name")] + list(item.get("aliases") or [])


def org_similarity(pred: str | None, gold_item) -> float:
    """0..1; 0 where the two are of different types (a school and a kindergarten)."""
    best = 0.0
    if not pred:
        return best
    for gold in org_names(gold_item):
        if not gold:
            continue
        tp, tg = type_class(pred), type_class(gold)
        if tp and tg and tp != tg:
            continue
        dp, dg = distinctive(pred), distinctive(gold)
        same_words = 0.95 if dp and dp == dg else len(dp & dg) / len(dp | dg) if dp | dg else 0.0
        best = max(best, ratio(pred, gold), same_words)
    return best


def org_match(pred: str | None, gold_item) -> bool:
    return org_similarity(pred, gold_item) >= 0.85


def entity_match(pred: str | None, gold: str | None) -> bool:
    """A reference that may be a person or an organisation."""
    if person_key(pred) and person_key(gold) and person_match(pred, gold):
        return True
    return org_match(pred, gold)


def district_key(name: str | None):
    words = [w for w in norm(name).split() if w not in GENERIC]
    if not words:
        return None
    return stem(words[0], 6)


# ---------------------------------------------------------------- scoring

class Tally:
    def __init__(self):
        self.tp = self.fp = self.fn = 0
        self.misses: list[str] = []

    def add(self, tp, fp, fn, misses=()):
        self.tp += tp
        self.fp += fp
        self.fn += fn
        self.misses.extend(misses)

    def prf(self):
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def align(preds, golds, match):
    """One-to-one alignment, best pairs first. `match` returns a bool or a 0..1 similarity
    (a pair counts at 0.85 and above). Returns (tp, fp, fn, unmatched golds, pairs)."""
    candidates = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            s = float(match(p, g))
            if s >= 0.85:
                candidates.append((-s, gi, pi))
    used_g, used_p, pairs = set(), set(), []
    for _, gi, pi in sorted(candidates):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((preds[pi], golds[gi]))
    missed = [g for gi, g in enumerate(golds) if gi not in used_g]
    return len(pairs), len(preds) - len(pairs), len(missed), missed, pairs


def unique_people(items):
    out = []
    for it in items or []:
        name = it.get("name")
        if name and not any(person_match(name, o) for o in out):
            out.append(name)
    return out


def canonical(facts: dict) -> dict:
    """Accept the older flat shape too: doc_* fields at top level, plain strings for
    districts and groups, 'signatory' absent."""
    facts = dict(facts)
    if "document" not in facts:
        facts["document"] = {"kind": facts.get("doc_type"), "number": facts.get("doc_number"),
                             "date": facts.get("doc_date"), "issuer": facts.get("issuer"),
                             "signatory": facts.get("signatory")}
    for key in ("districts", "groups", "organisations"):
        facts[key] = [{"name": x} if isinstance(x, str) else x for x in facts.get(key) or []]
    return facts


def score_document(gold: dict, pred: dict, tallies: dict):
    gold, pred = canonical(gold), canonical(pred)
    def add(cat, tp, fp, fn, missed, show=lambda x: x):
        tallies.setdefault(cat, Tally()).add(tp, fp, fn, [f"{cat}: {show(m)}" for m in missed])

    # people (unique persons) and the exactness of their written form
    gp, pp = unique_people(gold.get("people")), unique_people(pred.get("people"))
    tp, fp, fn, missed, pairs = align(pp, gp, person_match)
    add("people", tp, fp, fn, missed)
    exact = sum(1 for p, g in pairs if full_form_ok(p, g))
    add("name_forms", exact, len(pairs) - exact, len(pairs) - exact,
        [g for p, g in pairs if not full_form_ok(p, g)], lambda g: f"{g} (written differently)")

    # posts: (person, post) and affiliations: (person, org)
    gposts = [x for x in gold.get("people") or [] if x.get("post")]
    pposts = [x for x in pred.get("people") or [] if x.get("post")]
    post_ok = lambda p, g: person_match(p["name"], g["name"]) and (
        ratio(p["post"], g["post"]) >= 0.75 or norm(g["post"]) in norm(p["post"]))
    tp, fp, fn, missed, _ = align(pposts, gposts, post_ok)
    add("posts", tp, fp, fn, missed, lambda g: f"{g['name']} — {g['post']}")
    gaff = [x for x in gold.get("people") or [] if x.get("org")]
    paff = [x for x in pred.get("people") or [] if x.get("org")]
    aff_ok = lambda p, g: person_match(p["name"], g["name"]) and org_match(p["org"], g["org"])
    tp, fp, fn, missed, _ = align(paff, gaff, aff_ok)
    add("affiliations", tp, fp, fn, missed, lambda g: f"{g['name']} @ {g['org']}")

    # organisations
    gorg = gold.get("organisations") or []
    porg = [o.get("name") for o in pred.get("organisations") or []]
    tp, fp, fn, missed, _ = align(porg, gorg, org_similarity)
    add("organisations", tp, fp, fn, missed, lambda g: g["name"])

    # districts
    gd = [district_key(d["name"]) for d in gold.get("districts") or []]
    pd = list({district_key(d["name"]) for d in pred.get("districts") or []} - {None})
    tp, fp, fn, missed, _ = align(pd, [g for g in gd if g], lambda a, b: a == b)
    add("districts", tp, fp, fn, missed)

    # events: same date and (host or title)
    def ev_ok(p, g):
        if g.get("date") and not same_date(p.get("date"), g.get("date")):
            return False
        host_ok = bool(g.get("host")) and org_match(p.get("host"), g["host"])
        return host_ok or ratio(p.get("name"), g.get("name")) >= 0.6
    tp, fp, fn, missed, pairs = align(pred.get("events") or [], gold.get("events") or [], ev_ok)
    add("events", tp, fp, fn, missed, lambda g: f"{g.get('date')} {g.get('name', '')[:60]}")
    # event participation, over matched events
    ptp = pfp = pfn = 0
    pmiss = []
    for p, g in pairs:
        a, b, c, m, _ = align(p.get("participants") or [], g.get("participants") or [], entity_match)
        ptp, pfp, pfn = ptp + a, pfp + b, pfn + c
        pmiss += m
    for g in gold.get("events") or []:
        if not any(g is gg for _, gg in pairs):
            pfn += len(g.get("participants") or [])
    add("participation", ptp, pfp, pfn, pmiss)

    # awards: (kind, recipient)
    aw_ok = lambda p, g: (stem(norm(p.get("kind")), 6) == stem(norm(g.get("kind")), 6)
                          and entity_match(p.get("recipient"), g.get("recipient")))
    tp, fp, fn, missed, _ = align(pred.get("awards") or [], gold.get("awards") or [], aw_ok)
    add("awards", tp, fp, fn, missed, lambda g: f"{g['kind']} → {g['recipient']}")

    # groups
    gg = gold.get("groups") or []
    pg = [g.get("name") for g in pred.get("groups") or []]
    grp_ok = lambda p, g: any(ratio(p, n) >= 0.8 or (distinctive(p) and distinctive(p) == distinctive(n))
                              for n in org_names(g))
    tp, fp, fn, missed, _ = align(pg, gg, grp_ok)
    add("groups", tp, fp, fn, missed, lambda g: g["name"])

    # document fields
    gdoc, pdoc = gold.get("document") or {}, pred.get("document") or {}
    checks = {
        "kind": lambda p, g: p == g,
        "number": lambda p, g: norm(p) == norm(g),
        "date": same_date,
        "issuer": lambda p, g: org_match(p, g),
        "signatory": lambda p, g: person_match(p, g),
    }
    t = Tally()
    for field, ok in checks.items():
        g, p = gdoc.get(field), pdoc.get(field)
        if g and p and ok(p, g):
            t.add(1, 0, 0)
        elif g and p:
            t.add(0, 1, 1, [f"document.{field}: {p!r} instead of {g!r}"])
        elif g:
            t.add(0, 0, 1, [f"document.{field}: {g!r} not found"])
        elif p:
            t.add(0, 1, 0)
    tallies.setdefault("document", Tally()).add(t.tp, t.fp, t.fn, t.misses)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold_dir", type=Path)
    ap.add_argument("pred_dir", type=Path)
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--verbose", action="store_true", help="list every gold fact that was missed")
    ap.add_argument("--min-f1", type=float, default=None, help="exit 1 if overall F1 is below this")
    args = ap.parse_args(argv)

    tallies: dict[str, Tally] = {}
    missing = []
    for gold_file in sorted(args.gold_dir.glob("*.json")):
        pred_file = args.pred_dir / gold_file.name
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        if not pred_file.exists():
            missing.append(gold_file.name)
            pred = {}
        else:
            pred = json.loads(pred_file.read_text(encoding="utf-8"))
        score_document(gold, pred, tallies)

    total = Tally()
    rows = {}
    for cat, t in tallies.items():
        total.add(t.tp, t.fp, t.fn)
        p, r, f = t.prf()
        rows[cat] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
                     "tp": t.tp, "fp": t.fp, "fn": t.fn}
    p, r, f = total.prf()
    rows["overall"] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
                       "tp": total.tp, "fp": total.fp, "fn": total.fn}
    if args.json:
        print(json.dumps({"scores": rows, "missing_predictions": missing}, ensure_ascii=False, indent=2))
    else:
        print(f"{'category':<15}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}")
        for cat, row in rows.items():
            print(f"{cat:<15}{row['precision']:>7.3f}{row['recall']:>7.3f}{row['f1']:>7.3f}"
                  f"{row['tp']:>6}{row['fp']:>6}{row['fn']:>6}")
        if missing:
            print(f"no prediction for: {', '.join(missing)}")
        if args.verbose:
            for t in tallies.values():
                for m in t.misses:
                    print("  missed", m)
    if args.min_f1 is not None and f < args.min_f1:
        print(f"overall F1 {f:.3f} is below {args.min_f1}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
