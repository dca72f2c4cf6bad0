"""Entity resolution: ``candidates``, ``merge``, ``split``, ``judgements`` and ``undo``."""

from __future__ import annotations

import argparse
import json

from graph.cli.common import add_data_dir, data_dir, with_store
from graph.cli.users import cli_user


def cmd_candidates(args: argparse.Namespace) -> int:
    """Pairs of nodes that may be one entity, with the evidence for and against."""
    from graph.load.judgements import open_candidates

    def work(store) -> int:
        found = open_candidates(store, data_dir(args), args.label)[: args.limit]  # pairs judged distinct left out
        if args.format == "json":
            print(json.dumps([c.__dict__ for c in found], ensure_ascii=False, indent=1))
            return 0
        for c in found:
            print(f"{c.score:+.2f} {c.label}: {c.a} «{c.a_name}» ~ {c.b} «{c.b_name}»")
            print(f"      for: {'; '.join(c.pro)}" + (f"\n      against: {'; '.join(c.con)}" if c.con else ""))
        print(f"{len(found)} candidate(s); `edugraph merge KEEP DROP` to merge a pair")
        return 0

    return with_store(args, work)


def _judgement_command(args: argparse.Namespace, act) -> int:
    from graph.load.judgements import describe

    def work(store) -> int:
        judgement, reloaded = act(store, data_dir(args))
        print(f"{describe(0, judgement)[3:]}; {reloaded} document(s) reloaded")
        return 0

    return with_store(args, work)


def cmd_merge(args: argparse.Namespace) -> int:
    """Record that two nodes are one entity (DROP into KEEP); kept across re-ingests, undoable."""
    from graph.load.judgements import merge

    return _judgement_command(args, lambda store, folder: merge(store, folder, args.keep, args.drop, args.note,
                                                                     author=cli_user()))


def cmd_split(args: argparse.Namespace) -> int:
    """Record that some mentions of a node (by document or by written name) are another entity."""
    from graph.load.judgements import split

    return _judgement_command(
        args, lambda store, folder: split(store, folder, args.id, args.doc or [], args.name or [], args.note,
                                           author=cli_user()))


def cmd_undo(args: argparse.Namespace) -> int:
    """Take back a judgement (the last one, or number N of `edugraph judgements`)."""
    from graph.load.judgements import undo

    return _judgement_command(args, lambda store, folder: undo(store, folder, args.number, author=cli_user()))


def cmd_judgements(args: argparse.Namespace) -> int:
    """List the merge and split judgements in the order they were made."""
    from graph.load.judgements import describe, read_judgements

    items = read_judgements(data_dir(args))
    for number, judgement in enumerate(items, 1):
        print(describe(number, judgement))
    print(f"{len(items)} judgement(s)")
    return 0


def register(sub) -> None:
    p = sub.add_parser("candidates", help="pairs that may be one entity, with the evidence for and against")
    p.add_argument("--label", choices=("Person", "Organization"), help="only people or only organisations")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--format", "-f", choices=("table", "json"), default="table")
    add_data_dir(p)
    p.set_defaults(func=cmd_candidates)

    p = sub.add_parser("merge", help="record that two nodes are one entity (kept across re-ingests)")
    p.add_argument("keep", help="the id of the node that stays")
    p.add_argument("drop", help="the id of the node merged into it")
    p.add_argument("--note", default="", help="why (kept with the judgement)")
    add_data_dir(p)
    p.set_defaults(func=cmd_merge)

    p = sub.add_parser("split", help="record that some mentions of a node are another entity")
    p.add_argument("id", help="the id of the node to split")
    p.add_argument("--doc", action="append", help="a document whose mentions go to the new node")
    p.add_argument("--name", action="append", help="a written name whose mentions go to the new node")
    p.add_argument("--note", default="", help="why (kept with the judgement)")
    add_data_dir(p)
    p.set_defaults(func=cmd_split)

    p = sub.add_parser("judgements", help="list the merge and split judgements")
    add_data_dir(p)
    p.set_defaults(func=cmd_judgements)

    p = sub.add_parser("undo", help="take back a merge or split judgement (the last one by default)")
    p.add_argument("number", nargs="?", type=int, help="its number in `edugraph judgements`")
    add_data_dir(p)
    p.set_defaults(func=cmd_undo)
