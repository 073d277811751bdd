"""Iteration helpers missing from Python 3.11's standard library."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future
from itertools import islice
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of up to ``size`` items (``itertools.batched`` arrives in 3.12)."""
    if size < 1:
        raise ValueError(f"batch size must be at least 1, got {size}")
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def in_order(submit: Callable[[T], Future[R]], tasks: Iterable[T], limit: int) -> Generator[R, None, None]:
    """Results of ``submit(task)`` for each task, in task order, with at most ``limit`` futures pending
    (the oldest is awaited before more are submitted). Pending futures are cancelled if the caller stops
    early."""
    pending: deque[Future[R]] = deque()
    try:
        for task in tasks:
            pending.append(submit(task))
            while len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()
