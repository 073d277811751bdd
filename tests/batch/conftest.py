"""Shared fixtures of the batch tests: one generated crawl, one run of each engine over it, and one
SparkSession (``local[2]``, two shuffle partitions, the quick-starting C1 JIT) for the whole session."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from rich.console import Console

from newsdedup.batch import DedupEngine, DedupOptions, Summary, dedup
from newsdedup.batch.spark_engine import local_python_path
from tests.batch.inputs import Inputs, build_inputs

ARTICLES = 2000
COPIES = 0.2
SEED = 11


@dataclass(frozen=True)
class Run:
    """One engine's output rows (by url) and summary."""

    rows: dict[str, dict[str, Any]]
    summary: Summary


@pytest.fixture(scope="session")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Inputs:
    """The generated crawl, written once."""
    return build_inputs(tmp_path_factory.mktemp("crawl"), articles=ARTICLES, copies=COPIES, seed=SEED)


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """One local SparkSession for every Spark test."""
    pyspark_sql = pytest.importorskip("pyspark.sql")
    session = (
        pyspark_sql.SparkSession.builder.master("local[2]")
        .appName("newsdedup tests")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.pyspark.python", sys.executable)
        .config("spark.executorEnv.PYTHONPATH", local_python_path())
        .config("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    try:
        yield session
    finally:
        session.stop()


def _run(inputs: Inputs, output: Path, engine: DedupEngine, names: list[str] | None = None) -> Run:
    options = DedupOptions(output=output, progress=False, workers=2)
    paths = names or inputs.names
    summary = dedup(paths, options, engine=engine, console=Console(stderr=True, quiet=True))
    rows = {row["url"]: row for row in pq.read_table(output).to_pylist()}
    return Run(rows=rows, summary=summary)


@pytest.fixture(scope="session")
def local_run(crawl: Inputs, tmp_path_factory: pytest.TempPathFactory) -> Run:
    """The local engine over the crawl."""
    return _run(crawl, tmp_path_factory.mktemp("local") / "clusters.parquet", DedupEngine.LOCAL)


@pytest.fixture(scope="session")
def spark_run(crawl: Inputs, spark: Any, tmp_path_factory: pytest.TempPathFactory) -> Run:
    """The Spark engine over the crawl (in the test session's SparkSession); the Parquet part is named by
    a ``file://`` URI, so it is found through Hadoop's file system as on a cluster."""
    names = [path.as_uri() if path.suffix == ".parquet" else str(path) for path in crawl.files]
    return _run(crawl, tmp_path_factory.mktemp("spark") / "clusters.parquet", DedupEngine.SPARK, names)
