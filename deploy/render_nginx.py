"""Fill in deploy/nginx.conf.template: `python deploy/render_nginx.py --listen 5005 --dir
var/cluster --server 127.0.0.1:5006 --server 127.0.0.1:5007 > nginx.conf`.

scripts/cluster.sh renders it for one machine; deploy/compose/nginx.conf is the same
template rendered for the compose file's services (tests/deploy checks they agree)."""

from __future__ import annotations

import argparse
from pathlib import Path

TEMPLATE = Path(__file__).with_name("nginx.conf.template")


def render(listen: str, folder: str, servers: list[str], body_limit: int, rate: str = "20r/s", burst: int = 100) -> str:
    lines = "\n".join(f"    server {server} max_fails=1 fail_timeout=10s;" for server in servers)
    values = {
        "DIR": folder,
        "LISTEN": listen,
        "BODY_LIMIT": str(body_limit),
        "RATE": rate,
        "BURST": str(burst),
        "REPLICAS": str(len(servers)),
        "SERVERS": lines,
    }
    text = TEMPLATE.read_text()
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", required=True)
    parser.add_argument("--dir", required=True, help="where nginx keeps its pid, logs and temporary files")
    parser.add_argument("--server", action="append", required=True, help="host:port of a Rasa replica")
    parser.add_argument("--body-limit", type=int, default=256 * 1024)
    parser.add_argument("--rate", default="20r/s")
    parser.add_argument("--burst", type=int, default=100)
    args = parser.parse_args()
    print(render(args.listen, args.dir, args.server, args.body_limit, args.rate, args.burst), end="")


if __name__ == "__main__":
    main()
