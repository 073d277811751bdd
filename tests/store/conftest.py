"""Fixtures for the store tests: the scheme and an index on this test's session."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from newsdedup.core import SignatureScheme, default_scheme
from newsdedup.store.sql import SqlArticleIndex


@pytest.fixture
def scheme() -> SignatureScheme:
    """The default signature scheme."""
    return default_scheme()


@pytest.fixture
def index(session: Session, scheme: SignatureScheme) -> SqlArticleIndex:
    """An SQL index on this test's rolled-back session."""
    return SqlArticleIndex(session, scheme)
