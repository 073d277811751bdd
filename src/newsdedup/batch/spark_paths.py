"""Input paths for the Spark engine: local paths as the local engine expands them, and URIs
(``hdfs://``, ``s3a://``, ``gs://``...) expanded on the driver through Hadoop's file system API.

Every input ends up one concrete file with its own index, which keeps record positions unique.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from newsdedup.io.readers import FORMATS, InputError, expand_paths, input_format

__all__ = ["expand_inputs", "file_key", "is_uri", "uri_of"]


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+:")


def is_uri(path: str) -> bool:
    """True for ``scheme:...`` inputs (``hdfs://``, ``s3a://``, ``file:/``), read through Hadoop."""
    return _SCHEME.match(path) is not None


def uri_of(path: str) -> str:
    """The URI Spark reads ``path`` from."""
    return path if is_uri(path) else Path(path).resolve().as_uri()


def file_key(uri_or_path: str) -> str:
    """A key naming one file whether it is spelled as a path or as the URI Spark gives back."""
    if not is_uri(uri_or_path):
        return os.path.realpath(uri_or_path)
    parts = urlsplit(uri_or_path)
    if parts.scheme == "file":
        return os.path.realpath(unquote(parts.path))
    return f"{parts.scheme}://{parts.netloc}{unquote(parts.path)}"


def _known(name: str) -> bool:
    try:
        input_format(name)
    except InputError:
        return False
    return True


def _hadoop_files(spark: Any, pattern: str) -> list[str]:
    jvm = spark.sparkContext._jvm
    configuration = spark.sparkContext._jsc.hadoopConfiguration()
    path = jvm.org.apache.hadoop.fs.Path(pattern)
    system = path.getFileSystem(configuration)
    found: list[str] = []
    for status in system.globStatus(path) or []:
        if status.isDirectory():
            listing = system.listFiles(status.getPath(), True)
            while listing.hasNext():
                found.append(str(listing.next().getPath().toString()))
        else:
            found.append(str(status.getPath().toString()))
    files = sorted(name for name in found if _known(name))
    if not files:
        known = "/".join(FORMATS)
        raise InputError(f"{pattern}: matches no {known} files")
    return files


def expand_inputs(spark: Any, paths: list[str]) -> list[str]:
    """The input files of ``paths`` in order, each once (see `newsdedup.io.expand_paths`)."""
    found: list[str] = []
    for path in paths:
        found.extend(_hadoop_files(spark, path) if is_uri(path) else expand_paths([path]))
    return list(dict.fromkeys(found))
