"""Typed dependencies: settings, the unit of work (one transaction per request), the detector."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from newsdedup.core import SignatureScheme
from newsdedup.detector import Detector
from newsdedup.settings import Settings
from newsdedup.store.db import transaction
from newsdedup.store.meta import SchemeConfirmation
from newsdedup.store.provenance import SqlProvenance
from newsdedup.store.registry import RegistryCache
from newsdedup.store.sql import SqlArticleIndex


@dataclass(frozen=True, slots=True)
class Runtime:
    """What the app builds once in its lifespan and every request shares."""

    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    scheme: SignatureScheme
    auth: bool = False
    """Write endpoints need an API key."""
    confirmation: SchemeConfirmation = field(default_factory=SchemeConfirmation)
    """The stored scheme, checked once per interval rather than once per request."""
    registry: RegistryCache = field(default_factory=RegistryCache)
    """The publisher registry, read once per interval; invalidated by this process's registry changes."""

    @property
    def keys_for_reads(self) -> bool:
        """Read endpoints (and the web pages) need an API key too."""
        return self.settings.require_key_for_reads

    @contextmanager
    def detector(self, *, read_only: bool = False) -> Iterator[Detector]:
        """A detector over a session that commits once when the block ends, or rolls back."""
        with transaction(self.sessions, read_only=read_only) as session:
            yield Detector(
                SqlArticleIndex(session, self.scheme, confirmation=self.confirmation),
                candidate_limit=self.settings.candidate_limit,
                provenance=SqlProvenance(session, registry=self.registry),
            )

    @contextmanager
    def session(self, *, read_only: bool = False) -> Iterator[Session]:
        """A session in one transaction (commit at the end, rollback on error), for the audit and registry."""
        with transaction(self.sessions, read_only=read_only) as session:
            yield session


async def get_runtime(request: Request) -> Runtime:
    """The runtime stored on the app by its lifespan (async: no trip through the thread pool)."""
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
UnitOfWork = Callable[[], AbstractContextManager[Detector]]
