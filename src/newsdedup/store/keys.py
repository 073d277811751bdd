"""API keys: created with a high-entropy random secret, stored as its SHA-256, revoked by id.

The secret is shown once, when it is created; only its hash and first characters are kept.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from newsdedup.store.models import ApiKey

PREFIX = "nd_"
_SHOWN = 10


@dataclass(frozen=True, slots=True)
class KeyInfo:
    """An API key as listed: never the secret itself."""

    id: int
    name: str
    prefix: str
    created_at: datetime
    revoked_at: datetime | None


def hash_key(secret: str) -> str:
    """The stored form of a key: its SHA-256, hex."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_key(session: Session, name: str) -> tuple[KeyInfo, str]:
    """A new key called ``name``: its listing and the secret (shown to the caller once, never stored)."""
    label = " ".join(name.split())
    if not label or len(label) > 200:
        raise ValueError("a key needs a name of 1 to 200 characters, e.g. the client that will use it")
    secret = PREFIX + secrets.token_urlsafe(32)
    row = ApiKey(name=label, key_hash=hash_key(secret), prefix=secret[:_SHOWN], created_at=datetime.now(UTC))
    session.add(row)
    session.flush()
    return _info(row), secret


def revoke_key(session: Session, key_id: int) -> KeyInfo | None:
    """Revoke a key by id (it stops working at once); None when there is no such key."""
    session.execute(
        update(ApiKey)
        .where(ApiKey.id == key_id, ApiKey.revoked_at.is_(None))
        .values(revoked_at=datetime.now(UTC)),
        execution_options={"synchronize_session": False},
    )
    row = session.get(ApiKey, key_id, populate_existing=True)
    return None if row is None else _info(row)


def list_keys(session: Session) -> list[KeyInfo]:
    """Every key, newest first."""
    return [_info(row) for row in session.scalars(select(ApiKey).order_by(ApiKey.id.desc()))]


def check_key(session: Session, secret: str) -> KeyInfo | None:
    """The active key whose secret this is, else None."""
    if not secret.startswith(PREFIX):
        return None
    row = session.scalars(
        select(ApiKey).where(ApiKey.key_hash == hash_key(secret), ApiKey.revoked_at.is_(None))
    ).first()
    return None if row is None else _info(row)


def _info(row: ApiKey) -> KeyInfo:
    return KeyInfo(row.id, row.name, row.prefix, row.created_at, row.revoked_at)
