"""What every subcommand group shares: the --data-dir option and the open store."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path


def add_data_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", default=None,
                        help="where the embedded store keeps its files (default: $EDUGRAPH_DATA or ./data)")


def data_dir(args: argparse.Namespace) -> Path:
    from graph.store.config import resolve_data_dir

    return resolve_data_dir(args.data_dir)


def with_store(args: argparse.Namespace, work: Callable) -> int:
    """Open the store of --data-dir, run ``work(store) -> int`` and close the store."""
    from graph.store import open_store

    with open_store(args.data_dir) as opened:
        return work(opened)


def parse_params(pairs: list[str] | None) -> dict[str, str]:
    """``key=value`` strings from -p options."""
    params: dict[str, str] = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"parameter {pair!r} is not key=value")
        params[key.strip()] = value
    return params
