#!/usr/bin/env bash
# Install newsdedup into .venv and serve the API on the embedded SQLite default (newsdedup.sqlite3).
# Usage: bash scripts/serve.sh [--host 0.0.0.0] [--port 8000]
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
.venv/bin/newsdedup db upgrade
exec .venv/bin/newsdedup serve "$@"
