"""The dashboard: ``serve``."""

from __future__ import annotations

import argparse
import os

from graph.cli.common import add_data_dir


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the dashboard (streamlit run app.py) until interrupted."""
    from graph.serve import serve_environment, streamlit_command

    command = streamlit_command(args.port, args.address, args.data_dir)
    print(f"edugraph dashboard: http://{args.address}:{args.port} (Ctrl+C stops it)", flush=True)
    # this process becomes Streamlit: a signal to it (Ctrl+C, kill) stops the server, no orphan left behind
    os.execve(command[0], command, serve_environment(args.data_dir))


def register(sub) -> None:
    p = sub.add_parser("serve", help="serve the dashboard in the browser (Streamlit)")
    p.add_argument("--port", type=int, default=8501, help="port to listen on (default 8501)")
    p.add_argument("--address", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    add_data_dir(p)
    p.set_defaults(func=cmd_serve)
