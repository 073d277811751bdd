"""The script to hand to spark-submit: ``spark-submit [spark options] submit.py INPUT... --output OUT``.

It runs ``newsdedup dedup --engine spark`` in the session spark-submit sets up (master, executors,
memory), so the cluster's settings apply.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Run the dedup command with the Spark engine on the command line's arguments."""
    from newsdedup.cli import app

    app(["dedup", "--engine", "spark", *sys.argv[1:]])


if __name__ == "__main__":
    main()
