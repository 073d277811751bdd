"""Index maintenance: re-fingerprint every stored article under a new signature scheme."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from newsdedup.core import SignatureScheme, fingerprint_many
from newsdedup.iterutil import batched
from newsdedup.ports import NewArticle
from newsdedup.store.meta import reset_index
from newsdedup.store.sql import SqlArticleIndex


def reindex(
    session: Session,
    scheme: SignatureScheme,
    *,
    batch_size: int = 1000,
    on_batch: Callable[[int], None] | None = None,
) -> int:
    """Drop all signatures and band keys, adopt ``scheme`` and re-sign every article; return the count.

    Runs inside the caller's transaction: a failure leaves the old index as it was.
    """
    reset_index(session, scheme)
    index = SqlArticleIndex(session, scheme)
    done = 0
    for chunk in batched(index.iter_articles(batch_size), batch_size):
        prints = fingerprint_many([article.text for article in chunk], scheme)
        index.upsert_many([NewArticle.of(item, print_) for item, print_ in zip(chunk, prints, strict=True)])
        done += len(chunk)
        if on_batch is not None:
            on_batch(len(chunk))
    return done
