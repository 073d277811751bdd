"""Fixtures for the input tests: a place to write generated files, and an error collector."""

from __future__ import annotations

import random

import pytest

from newsdedup.io import RecordError


class Errors(list[RecordError]):
    """RecordErrors collected by ``on_error``, readable as ``path:line: message`` strings."""

    def __call__(self, error: RecordError) -> None:
        self.append(error)

    @property
    def lines(self) -> list[str]:
        return [str(error) for error in self]


@pytest.fixture
def errors() -> Errors:
    return Errors()


@pytest.fixture
def rng() -> random.Random:
    return random.Random(20240305)
