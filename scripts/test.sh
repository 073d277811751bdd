#!/usr/bin/env bash
# Install newsdedup with every extra into .venv and run the checks and the whole test suite.
# PostgreSQL: DATABASE_URL, else 127.0.0.1:5432, else a throwaway server started by the tests.
# Usage: bash scripts/test.sh [pytest args]
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test,spark,browser]"
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian's chromium for the browser test" >&2
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
.venv/bin/ruff check src tests benchmarks migrations
.venv/bin/ruff format --check src tests benchmarks migrations
.venv/bin/mypy
exec .venv/bin/python -m pytest -n 2 "$@"
