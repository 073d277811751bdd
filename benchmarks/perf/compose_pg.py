"""A PostgreSQL server with the settings `docker-compose.yml` gives its `db` service, for the benchmarks.

The machine's own server may run with PostgreSQL's defaults (128 MB of shared buffers, 1 GB of WAL
between checkpoints); production runs with the compose file's settings. This starts the system's
PostgreSQL (``initdb``/``pg_ctl``) in a directory of its own, on its own port, with the ``-c`` options
read from `docker-compose.yml` (so they cannot drift apart), and prints the URL to hand the benchmarks:

    python benchmarks/perf/compose_pg.py start          # prints: export NEWSDEDUP_BENCH_PG=...
    NEWSDEDUP_BENCH_PG=... python benchmarks/perf/latency.py --sizes 1000000
    python benchmarks/perf/compose_pg.py stop [--remove]

The server keeps its databases between runs (the latency benchmark's indexes take minutes to build);
``stop --remove`` deletes its directory.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import pwd
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DIR = Path("/var/tmp/newsdedup-bench-pg")


def compose_settings(compose_file: Path = ROOT / "docker-compose.yml") -> list[str]:
    """The ``-c name=value`` settings of the db service's command in the compose file."""
    match = re.search(r'^\s*command:\s*(\["postgres".*\])\s*$', compose_file.read_text(), re.MULTILINE)
    if match is None:
        raise SystemExit(f'{compose_file}: no `command: ["postgres", ...]` line for the db service')
    words: list[str] = json.loads(match.group(1))
    return [value for flag, value in itertools.pairwise(words) if flag == "-c"]


def bindir() -> Path:
    """Where initdb and pg_ctl are: PATH, else the newest /usr/lib/postgresql/*/bin."""
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda path: path.parent.name)
    if not versions:
        raise SystemExit("pg_ctl not found in PATH or /usr/lib/postgresql/*/bin")
    return versions[-1]


def run_as_postgres(*args: str) -> None:
    """Run a server command, as the postgres user when we are root (the server refuses root)."""
    user = "postgres" if os.geteuid() == 0 else None
    subprocess.run(args, user=user, check=True, env={**os.environ, "LC_ALL": "C", "LANG": "C"})


def start(directory: Path, port: int) -> None:
    data = directory / "data"
    if not (data / "PG_VERSION").exists():
        directory.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            entry = pwd.getpwnam("postgres")
            os.chown(directory, entry.pw_uid, entry.pw_gid)
        run_as_postgres(
            str(bindir() / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8"
        )
    settings = " ".join(f"-c {setting}" for setting in compose_settings())
    options = f"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c autovacuum=off {settings}"
    run_as_postgres(
        str(bindir() / "pg_ctl"),
        "-D",
        str(data),
        "-l",
        str(directory / "server.log"),
        "-o",
        options,
        "-w",
        "start",
    )
    print(f"export NEWSDEDUP_BENCH_PG=postgresql+psycopg://postgres@127.0.0.1:{port}/postgres")
    print(f"# settings: {settings} (autovacuum off, as on the machine's server)", file=sys.stderr)


def stop(directory: Path, remove: bool) -> None:
    if (directory / "data" / "postmaster.pid").exists():
        run_as_postgres(str(bindir() / "pg_ctl"), "-D", str(directory / "data"), "-m", "fast", "-w", "stop")
    if remove:
        shutil.rmtree(directory, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("action", choices=["start", "stop"])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--port", type=int, default=5433)
    parser.add_argument("--remove", action="store_true", help="with stop: delete the server's directory")
    args = parser.parse_args()
    if args.action == "start":
        start(args.dir, args.port)
    else:
        stop(args.dir, args.remove)


if __name__ == "__main__":
    main()
