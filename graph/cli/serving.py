"""The dashboard: ``serve``."""

from __future__ import annotations

import argparse
import os
import sys

from graph.cli.common import add_data_dir


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the dashboard (streamlit run app.py) until interrupted."""
    from graph.serve import is_loopback, refuse_open_network, serve_environment, streamlit_command

    refuse_open_network(args.address, args.data_dir)  # no accounts: this machine only
    command = streamlit_command(args.port, args.address, args.data_dir)
    print(f"edugraph dashboard: http://{args.address}:{args.port} (Ctrl+C stops it)", flush=True)
    if not is_loopback(args.address) and not os.environ.get("STREAMLIT_SERVER_SSL_CERT_FILE"):
        print("note: passwords cross the network in clear over http; serve it behind HTTPS (a reverse proxy, or "
              "STREAMLIT_SERVER_SSL_CERT_FILE and STREAMLIT_SERVER_SSL_KEY_FILE)", file=sys.stderr, flush=True)
    # this process becomes Streamlit: a signal to it (Ctrl+C, kill) stops the server, no orphan left behind
    os.execve(command[0], command, serve_environment(args.data_dir))


def register(sub) -> None:
    p = sub.add_parser("serve", help="serve the dashboard in the browser (Streamlit)")
    p.add_argument("--port", type=int, default=8501, help="port to listen on (default 8501)")
    p.add_argument("--address", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only; "
                   "any other needs accounts, see `edugraph user add`)")
    add_data_dir(p)
    p.set_defaults(func=cmd_serve)
