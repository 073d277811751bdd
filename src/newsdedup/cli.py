"""The `newsdedup` command: each command a few lines over the library."""

from __future__ import annotations

import json
import sys
from contextlib import closing
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from newsdedup.audit_cli import key_app, publisher_app, record_copies, report
from newsdedup.core import default_scheme
from newsdedup.detector import Detector, MatchQuery
from newsdedup.extract import ExtractionError, extract_article
from newsdedup.ingest import entries_of, index_entries, worker_pool
from newsdedup.io.readers import InputError, read_raw
from newsdedup.settings import get_settings
from newsdedup.store.bulk import refresh_planner_statistics
from newsdedup.store.db import create_engine_for, transaction, upgrade_database
from newsdedup.store.provenance import SqlProvenance
from newsdedup.store.sql import SqlArticleIndex

app = typer.Typer(help="Find the original of republished news.", no_args_is_help=True, add_completion=False)
db_app = typer.Typer(help="Database maintenance.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(publisher_app, name="publisher")
app.add_typer(key_app, name="key")
app.command()(report)
app.command("record-copies")(record_copies)
err = Console(stderr=True, soft_wrap=True)


class OnError(StrEnum):
    """What `index` does with a bad input line."""

    SKIP = "skip"
    STOP = "stop"


def _sessions() -> tuple[Engine, sessionmaker[Session]]:
    settings = get_settings()
    engine = create_engine_for(settings.database_url)
    if engine.dialect.name == "sqlite":
        upgrade_database(engine)
    return engine, sessionmaker(engine, expire_on_commit=False)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes (use 2+ in production).")] = 1,
) -> None:
    """Run the HTTP API (OpenAPI docs at /docs).

    Example: newsdedup serve --port 8000
    """
    import uvicorn

    uvicorn.run("newsdedup.api:create_app", factory=True, host=host, port=port, workers=workers)


@app.command()
def index(
    files: Annotated[list[str], typer.Argument(help="JSONL/CSV/Parquet/WARC files, globs or '-' for stdin.")],
    on_error: Annotated[OnError, typer.Option(help="Skip a bad record, or stop at it.")] = OnError.SKIP,
    batch_size: Annotated[int, typer.Option(min=1, max=10_000, help="Articles per transaction.")] = 1000,
    workers: Annotated[
        int | None, typer.Option(min=1, help="Parsing and fingerprinting processes (default: one per core).")
    ] = None,
    first_load: Annotated[
        bool,
        typer.Option(
            help="Into an empty index: load in one transaction and index the band keys once at the end "
            "(faster; interrupted, it stores nothing). Off: a transaction per batch."
        ),
    ] = True,
) -> None:
    """Index articles: one JSON object per line with url, text or html, title, published_at, publisher.

    Each batch is stored in one transaction (into an empty index, the whole load is one: see
    --first-load); a bad line is reported as FILE:LINE and skipped (or stops the run after storing the
    good lines before it, with --on-error stop).

    Example: newsdedup index articles.jsonl
    """
    errors: list[str] = []

    def report(message: str) -> None:
        errors.append(message)
        err.print(f"[yellow]bad record[/] {escape(message)}")

    stop = on_error is OnError.STOP
    stored = 0
    # The workers first: forked before any connection or thread exists.
    with worker_pool(workers) as pool:
        engine, sessions = _sessions()
        try:
            entries = entries_of(lambda on_error: read_raw(files, on_error=on_error))
            with _progress() as progress:
                task = progress.add_task("indexing", total=None)
                loading = index_entries(
                    entries,
                    sessions,
                    default_scheme(),
                    pool=pool,
                    batch_size=batch_size,
                    on_error=report,
                    stop_at_error=stop,
                    first_load=first_load,
                )
                with closing(loading):  # an interruption rolls back what is not committed, at once
                    for count in loading:
                        stored += count
                        progress.update(task, advance=count)
            if stored:
                with transaction(sessions) as session:
                    refresh_planner_statistics(session)
        except InputError as error:
            raise _usage_error(str(error)) from None
        finally:
            engine.dispose()
    stopped = " (stopped at the first bad record)" if errors and stop else ""
    err.print(f"indexed {stored:,} articles, {len(errors):,} bad records{stopped}")
    if stopped:
        raise typer.Exit(code=1)


def _usage_error(message: str) -> typer.Exit:
    err.print(f"[red]error:[/] {escape(message)}")
    return typer.Exit(code=2)


@app.command()
def match(
    file: Annotated[
        str, typer.Argument(help="JSONL of {text|html, url?, published_at?}, plain text, or '-'.")
    ],
    limit: Annotated[int, typer.Option(min=1, max=100)] = 10,
) -> None:
    """Print the likely original of each query as JSON (one object per line).

    Example: echo '{"text": "..."}' | newsdedup match -
    """
    from newsdedup.api.schemas import MatchResponse

    try:
        raw = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise _usage_error(f"{file}: cannot read it as UTF-8 text ({error})") from None
    queries = _queries(raw, file)
    engine, sessions = _sessions()
    try:
        with transaction(sessions) as session:
            detector = Detector(SqlArticleIndex(session, default_scheme()), provenance=SqlProvenance(session))
            for query in queries:
                report = detector.match(query, limit=limit)
                typer.echo(MatchResponse.of(report).model_dump_json())
    finally:
        engine.dispose()


def _queries(raw: str, name: str) -> list[MatchQuery]:
    if not raw.lstrip().startswith("{"):
        if not raw.strip():
            raise _usage_error(f"{name} is empty; send a text or JSON lines with text or html")
        return [MatchQuery(text=raw)]
    queries = []
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            text = item.get("text") or extract_article(item["html"], url=item.get("url")).text
        except (json.JSONDecodeError, KeyError, AttributeError, TypeError, ExtractionError) as error:
            raise typer.BadParameter(
                f"{name}:{number}: not a query object with text or html ({error})"
            ) from None
        queries.append(MatchQuery(text=text, url=item.get("url")))
    return queries


@app.command()
def stats() -> None:
    """Print counts of what is indexed, as JSON."""
    engine, sessions = _sessions()
    try:
        with transaction(sessions) as session:
            counts = SqlArticleIndex(session, default_scheme()).stats()
        typer.echo(
            json.dumps(
                {"articles": counts.articles, "band_rows": counts.band_rows, "scheme": counts.scheme_id}
            )
        )
    finally:
        engine.dispose()


@app.command()
def reindex(
    batch_size: Annotated[int, typer.Option(min=1, max=10_000, help="Articles re-signed per batch.")] = 1000,
) -> None:
    """Re-sign every stored article under this build's signature scheme, in one transaction.

    Needed after an upgrade that changes the scheme (the API then answers 409 scheme_mismatch).
    """
    from newsdedup.maintenance import reindex as reindex_all

    engine, sessions = _sessions()
    try:
        with _progress() as progress, transaction(sessions) as session:
            task = progress.add_task("re-indexing", total=None)
            count = reindex_all(
                session, default_scheme(), batch_size=batch_size, on_batch=lambda n: progress.advance(task, n)
            )
    finally:
        engine.dispose()
    err.print(f"re-indexed {count:,} articles under scheme {default_scheme().id}")


@app.command()
def dedup(
    inputs: Annotated[list[str], typer.Argument(help="JSONL/CSV/Parquet/WARC files, directories or globs.")],
    *,
    output: Annotated[Path, typer.Option("--output", "-o", help="Result file: .parquet or .jsonl.")],
    engine: Annotated[str, typer.Option(help="local (this machine's cores) or spark.")] = "local",
    output_format: Annotated[
        str | None, typer.Option("--format", help="parquet or jsonl (default: from the output name).")
    ] = None,
    strict: Annotated[bool, typer.Option(help="Stop at a malformed record; write nothing.")] = False,
    index: Annotated[
        bool, typer.Option(help="Also load the articles into the store at DATABASE_URL.")
    ] = False,
) -> None:
    """Group a crawl's republished copies into clusters, each with its original.

    One row per article: url, cluster_id, original_url, is_original, relation (unique, original, copy,
    duplicate), similarity_to_original, reused_fraction; the summary goes beside it (NAME.summary.json)
    and to stdout. Malformed records are counted and listed as FILE:LINE (or byte offset, or row).

    Example: newsdedup dedup crawl/*.warc.gz --output clusters.parquet
    """
    from newsdedup.batch import DedupAbortError, DedupEngine, DedupOptions, dedup, print_summary

    chosen = output_format or ("jsonl" if output.name.endswith(".jsonl") else "parquet")
    if chosen not in ("parquet", "jsonl") or engine not in ("local", "spark"):
        raise _usage_error("--format must be parquet or jsonl and --engine local or spark")
    options = DedupOptions(
        output=output,
        output_format="jsonl" if chosen == "jsonl" else "parquet",
        strict=strict,
        index_url=get_settings().database_url if index else None,
    )
    try:
        summary = dedup(inputs, options, engine=DedupEngine(engine), console=err)
    except (InputError, DedupAbortError) as error:
        raise _usage_error(str(error)) from None
    print_summary(summary, Console())


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply the database migrations (DATABASE_URL, default: the embedded SQLite file)."""
    settings = get_settings()
    upgrade_database(settings.database_url)
    err.print("database is at the latest migration")


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        _RateColumn(),
        TimeElapsedColumn(),
        console=err,
    )


class _RateColumn(ProgressColumn):
    """Items per second."""

    def render(self, task: Task) -> Text:
        """The task's current rate."""
        return Text(f"{task.speed:,.0f}/s" if task.speed else "-/s")


if __name__ == "__main__":
    app()
