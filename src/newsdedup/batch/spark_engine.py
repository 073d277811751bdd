"""The Spark engine: the local engine's steps as a PySpark job, with the same core functions.

Read (`spark_input`), then in ``mapPartitions`` the same `prepare_batch` as locally; band keys are
exploded and grouped into candidate pairs by the bucket rule of `buckets` (windows instead of all pairs
past the cap); pairs are verified with `newsdedup.core.pairs.verify_pair`; clusters come from the
distributed large-star / small-star connected components (`spark_graph`); originals from
`graph.originals_of` (the `newsdedup.core.originals` order). The rows stream to the driver in input
order and are written by the same writer as the local engine.

Settings that matter on a cluster: ``spark.sql.shuffle.partitions`` (about 2-4 per core; each holds
band rows of about 600 bytes an article), executor memory (the verify join carries both articles'
payloads: ~6 KB a pair), and ``spark.executor.cores``.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator
from functools import partial
from itertools import islice
from typing import Any

from rich.console import Console

from newsdedup.batch.graph import originals_of
from newsdedup.batch.job import DedupOptions, index_articles, write_result
from newsdedup.batch.prepare import decode_payload, prepare_batch, shingles_from_bytes
from newsdedup.batch.results import MAX_EXAMPLES, ErrorLog, ResultRow, Summary, result_row
from newsdedup.batch.spark_graph import connected_components
from newsdedup.batch.spark_input import Item, read_inputs
from newsdedup.batch.spark_paths import expand_inputs
from newsdedup.batch.workers import direction
from newsdedup.core import SignatureScheme, VerifyConfig
from newsdedup.core.originals import ClusterRole, precedence_of
from newsdedup.core.pairs import ShingledText, compare_pair, verify_pair

__all__ = ["run_spark", "spark_session"]

_ARTICLE_FIELDS = (
    ("position", "long"),
    ("url", "string"),
    ("url_key", "long"),
    ("text_hash", "long"),
    ("words", "long"),
    ("published", "long"),
    ("first_seen", "long"),
    ("keys", "array<long>"),
    ("payload", "binary"),
    ("shingles", "binary"),
)


def spark_session(master: str | None = None) -> Any:
    """The active SparkSession, or a new one: ``master`` if given, else what spark-submit set, else
    ``local[*]`` with a few shuffle partitions per core.
    """
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    builder = SparkSession.builder.appName("newsdedup dedup")
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ
    if master is not None or not submitted:
        cores = os.cpu_count() or 1
        builder = (
            builder.master(master or "local[*]")
            .config("spark.sql.shuffle.partitions", str(4 * cores))
            .config("spark.pyspark.python", sys.executable)
            .config("spark.executorEnv.PYTHONPATH", local_python_path())
            .config("spark.ui.showConsoleProgress", "false")
        )
    return builder.getOrCreate()


def local_python_path() -> str:
    """``PYTHONPATH`` for Python workers on this machine: the driver's import path.

    PySpark may start workers with the base interpreter behind a virtualenv's ``python`` symlink (4.3
    does), which would not see the virtualenv's packages, this one included: the driver's path makes a
    local-mode worker import exactly what the driver imports.
    """
    return os.pathsep.join(entry for entry in sys.path if entry)


def _schema(fields: Iterable[tuple[str, str]]) -> str:
    return ", ".join(f"{name} {kind}" for name, kind in fields)


def _prepare_partition(scheme: SignatureScheme, size: int, items: Iterable[Item]) -> Iterator[Item]:
    """Batches of records through `prepare_batch`; errors pass through."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        records = []
        for item in chunk:
            if item[0] == "error":
                yield item
            else:
                records.append((item[1], item[2]))
        batch, errors = prepare_batch(records, scheme)
        for error in errors:
            position = next(p for p, record in records if record.source == error.source)
            yield ("error", position, error.source.path, str(error))
        for index in range(len(batch)):
            yield (
                "article",
                int(batch.positions[index]),
                batch.urls[index],
                int(batch.url_keys[index]),
                int(batch.text_hashes[index]),
                int(batch.word_counts[index]),
                int(batch.published[index]),
                int(batch.first_seen[index]),
                batch.band_keys[index].tolist(),
                batch.payloads[index],
                batch.shingles[index],
            )


def _error_digest(items: Iterable[Item]) -> Iterator[tuple[dict[str, int], list[tuple[int, str]]]]:
    """One partition's malformed records: a count per file and the first few, by position."""
    counts: dict[str, int] = {}
    examples: list[tuple[int, str]] = []
    for item in items:
        if item[0] == "error":
            counts[item[2]] = counts.get(item[2], 0) + 1
            examples.append((item[1], item[3]))
            if len(examples) > 2 * MAX_EXAMPLES:
                examples = sorted(examples)[:MAX_EXAMPLES]
    yield counts, sorted(examples)[:MAX_EXAMPLES]


def _side(row: Any, prefix: str) -> tuple[str, ShingledText]:
    text = decode_payload(bytes(row[f"{prefix}_payload"])).text
    return text, ShingledText(row[f"{prefix}_hash"], shingles_from_bytes(bytes(row[f"{prefix}_shingles"])))


def _verify_rows(
    config: VerifyConfig, rows: Iterable[Any]
) -> Iterator[tuple[int, int, int, float, float, float]]:
    for row in rows:
        verdict = verify_pair(*_side(row, "q"), *_side(row, "m"), config)
        if verdict is not None:
            yield (
                row["q_position"],
                row["m_position"],
                direction(verdict),
                verdict.similarity,
                verdict.query_reused,
                verdict.match_reused,
            )


def _compare_rows(config: VerifyConfig, rows: Iterable[Any]) -> Iterator[tuple[int, float, float]]:
    for row in rows:
        verdict = compare_pair(*_side(row, "q"), *_side(row, "m"), config)
        yield (row["q_position"], verdict.similarity, verdict.query_reused)


def _assign(group: tuple[int, Iterable[tuple[int, int, int, int, str]]]) -> list[tuple[int, int, str]]:
    members = [
        (position, precedence_of(published, first_seen, holds, url, position))
        for position, published, first_seen, holds, url in group[1]
    ]
    return [(member, chosen, str(role)) for member, chosen, role in originals_of(members)]


class _SparkJob:
    """One run of the Spark engine."""

    def __init__(self, spark: Any, options: DedupOptions, console: Console) -> None:
        self.spark = spark
        self.options = options
        self.console = console
        self.started = self.mark = time.perf_counter()
        self.phase = ""
        self.phases: dict[str, float] = {}

    def say(self, phase: str, message: str) -> None:
        """Start ``phase``: time the one before, and tell the user."""
        now = time.perf_counter()
        if self.phase:
            self.phases[self.phase] = round(now - self.mark, 3)
        self.phase, self.mark = phase, now
        if self.options.progress:
            self.console.print(f"[bold]spark[/] {now - self.started:7.1f}s {message}")

    def sides(self, articles: Any, prefix: str) -> Any:
        from pyspark.sql import functions as F  # noqa: N812

        return articles.select(
            F.col("position").alias(f"{prefix}_position"),
            F.col("text_hash").alias(f"{prefix}_hash"),
            F.col("payload").alias(f"{prefix}_payload"),
            F.col("shingles").alias(f"{prefix}_shingles"),
        )

    def candidates(self, articles: Any) -> Any:
        from pyspark.sql import Window
        from pyspark.sql import functions as F  # noqa: N812

        limits = self.options.limits
        banded = articles.where(F.col("words") > 0).select(
            "position", "url_key", "text_hash", F.posexplode("keys").alias("band", "key")
        )
        bucket = Window.partitionBy("band", "key")
        ranked = (
            banded.withColumn("size", F.count("*").over(bucket))
            .where(F.col("size") >= 2)
            .withColumn("place", F.row_number().over(bucket.orderBy("url_key", "text_hash", "position")) - 1)
        )
        left_over = F.col("size") - 1 - F.col("place")
        reach = F.when(F.col("size") <= limits.cap, left_over).otherwise(
            F.least(F.lit(limits.window), left_over)
        )
        queries = (
            ranked.withColumn("reach", reach)
            .where(F.col("reach") > 0)
            .select(
                "band",
                "key",
                F.col("position").alias("q_position"),
                F.explode(F.sequence(F.col("place") + 1, F.col("place") + F.col("reach"))).alias("place"),
            )
        )
        matches = ranked.select("band", "key", "place", F.col("position").alias("m_position"))
        paired = queries.join(matches, ["band", "key", "place"]).groupBy("q_position", "m_position").count()
        return paired.where(F.col("count") >= limits.min_hits).select("q_position", "m_position")

    def verify(self, pairs: Any, articles: Any) -> Any:
        joined = pairs.join(self.sides(articles, "q"), "q_position").join(
            self.sides(articles, "m"), "m_position"
        )
        verified = joined.rdd.mapPartitions(partial(_verify_rows, self.options.verify))
        return self.spark.createDataFrame(
            verified, "a long, b long, direction long, similarity double, a_reused double, b_reused double"
        )

    def originals(self, edges: Any, articles: Any) -> Any:
        from pyspark.sql import functions as F  # noqa: N812

        components = connected_components(edges)
        holder = F.when(F.col("direction") == 1, F.col("a")).when(F.col("direction") == -1, F.col("b"))
        holds = edges.select(holder.alias("node")).where(F.col("node").isNotNull()).groupBy("node").count()
        members = (
            components.join(holds, "node", "left")
            .join(articles.select(F.col("position").alias("node"), "published", "first_seen", "url"), "node")
            .select("component", "node", "published", "first_seen", F.coalesce("count", F.lit(0)), "url")
        )
        grouped = members.rdd.map(lambda row: (row[0], tuple(row[1:]))).groupByKey().flatMap(_assign)
        return self.spark.createDataFrame(grouped, "position long, original long, role string")

    def compare(self, assignments: Any, articles: Any, edges: Any) -> Any:
        """``(position, similarity, reused)`` of every copy to its original; a copy verified in a pair
        with its original already has them, from either side."""
        from pyspark.sql import functions as F  # noqa: N812

        copies = assignments.where(
            F.col("role").isin(ClusterRole.COPY.value, ClusterRole.DUPLICATE.value)
        ).select(F.col("position").alias("q_position"), F.col("original").alias("m_position"))
        forward = edges.select(
            F.col("a").alias("q_position"),
            F.col("b").alias("m_position"),
            "similarity",
            F.col("a_reused").alias("reused"),
        )
        backward = edges.select(
            F.col("b").alias("q_position"),
            F.col("a").alias("m_position"),
            "similarity",
            F.col("b_reused").alias("reused"),
        )
        verified = forward.union(backward)
        known = copies.join(verified, ["q_position", "m_position"]).select(
            F.col("q_position").alias("position"), "similarity", "reused"
        )
        joined = (
            copies.join(verified, ["q_position", "m_position"], "left_anti")
            .join(self.sides(articles, "q"), "q_position")
            .join(self.sides(articles, "m"), "m_position")
        )
        measured = joined.rdd.mapPartitions(partial(_compare_rows, self.options.verify))
        schema = "position long, similarity double, reused double"
        return known.union(self.spark.createDataFrame(measured, schema))

    def rows(self, articles: Any, assignments: Any, measures: Any) -> Iterator[ResultRow]:
        from pyspark.sql import functions as F  # noqa: N812

        originals = articles.select(
            F.col("position").alias("original"),
            F.col("url").alias("original_url"),
            F.col("text_hash").alias("original_hash"),
        )
        table = (
            articles.select("position", "url", "text_hash")
            .join(assignments, "position", "left")
            .join(originals, "original", "left")
            .join(measures, "position", "left")
            .orderBy("position")
        )
        for row in table.toLocalIterator(prefetchPartitions=True):
            role = ClusterRole(row["role"]) if row["role"] is not None else ClusterRole.UNIQUE
            original = None if row["original_url"] is None else (row["original_url"], row["original_hash"])
            measured = None if row["similarity"] is None else (row["similarity"], row["reused"])
            yield result_row(row["url"], row["text_hash"], role, original, measured)


def run_spark(paths: list[str], options: DedupOptions, console: Console, *, spark: Any = None) -> Summary:
    """Deduplicate the records of ``paths`` with Spark; writes the output and its summary on the driver."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F  # noqa: N812

    started = time.perf_counter()
    spark = spark or spark_session()
    job = _SparkJob(spark, options, console)
    files = expand_inputs(spark, paths)
    errors = ErrorLog(strict=options.strict)
    persisted: list[Any] = []

    def keep(frame: Any) -> Any:
        persisted.append(frame.persist(StorageLevel.MEMORY_AND_DISK))
        return frame

    try:
        job.say("reading", f"reading and signing {len(files)} file(s)")
        items = read_inputs(spark, files).mapPartitions(
            partial(_prepare_partition, options.scheme, options.batch_size)
        )
        items = keep(items)
        counts: dict[str, int] = {}
        examples: list[tuple[int, str]] = []
        for partition_counts, partition_examples in items.mapPartitions(_error_digest).collect():
            for path, count in partition_counts.items():
                counts[path] = counts.get(path, 0) + count
            examples.extend(partition_examples)
        errors.merge(sorted(counts.items()), [message for _, message in sorted(examples)[:MAX_EXAMPLES]])
        articles = keep(
            spark.createDataFrame(
                items.filter(lambda item: item[0] == "article").map(lambda item: item[1:]),
                _schema(_ARTICLE_FIELDS),
            )
        )
        job.say("candidates", "grouping band keys into candidate pairs")
        pairs = keep(job.candidates(articles))
        pair_count = pairs.count()
        job.say("verifying", "verifying candidate pairs")
        edges = keep(job.verify(pairs, articles))
        edge_count = edges.count()
        job.say("clustering", "connected components and originals")
        assignments = keep(job.originals(edges, articles))
        measures = keep(job.compare(assignments, articles, edges))
        texts = (
            articles.where(F.col("words") > 0)
            .agg(F.count("*").alias("n"), F.countDistinct("text_hash").alias("distinct"))
            .first()
        )
        summary = Summary(
            candidate_pairs=pair_count,
            verified_pairs=edge_count,
            exact_duplicates=int(texts["n"] - texts["distinct"]),
            malformed=errors.as_dict(),
            engine="spark",
            scheme=options.scheme.id,
        )
        job.say("", "writing")
        summary.phases = job.phases
        summary = write_result(job.rows(articles, assignments, measures), options, summary, started)
        if options.index_url is not None:
            job.say("", "loading the SQL store")
            stored = articles.orderBy("position").select("payload").toLocalIterator(prefetchPartitions=True)
            index_articles(
                (decode_payload(bytes(row["payload"])) for row in stored), options.index_url, options.scheme
            )
        return summary
    finally:
        for frame in persisted:
            frame.unpersist()
