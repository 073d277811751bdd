"""The local engine's process pool: bounded work in flight, results in order, Ctrl-C left to the parent."""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from typing import Any, TypeVar

from newsdedup.batch.workers import init_worker
from newsdedup.iterutil import in_order

__all__ = ["WorkerPool"]

T = TypeVar("T")


class WorkerPool:
    """A process pool with a bounded number of tasks in flight, results taken in submission order."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.executor = ProcessPoolExecutor(workers, mp_context=get_context("spawn"), initializer=init_worker)
        self.limit = 2 * workers + 2

    def submit(self, function: Callable[..., T], arguments: tuple[Any, ...]) -> Future[T]:
        """Submit with SIGINT blocked, so that a worker spawned now starts with it blocked (and ignores it
        from its initializer on): Ctrl-C during a worker's start-up is the parent's alone."""
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            return self.executor.submit(function, *arguments)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)

    def map(self, function: Callable[..., T], tasks: Iterator[tuple[Any, ...]]) -> Iterator[T]:
        """Results of ``function`` on each task's arguments, in order, with at most `limit` pending."""
        return in_order(lambda arguments: self.submit(function, arguments), tasks, self.limit)

    def close(self) -> None:
        """Cancel what has not started, wait for what has."""
        self.executor.shutdown(wait=True, cancel_futures=True)
