"""Recorded originals read with the articles of a unit of work answer `originals_of` without a statement,
the same as a statement would, until the records change."""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.orm import Session

from newsdedup.core import SignatureScheme
from newsdedup.ports import RecordedMatch
from newsdedup.store.provenance import SqlProvenance
from newsdedup.store.sql import SqlArticleIndex
from tests.store.factory import article, random_text


def _copy(original_id: int, copy_id: int, confidence: float) -> RecordedMatch:
    return RecordedMatch(original_id, copy_id, "copy", confidence, 0.9, 0.8, 0.9)


def _statements(session: Session) -> list[str]:
    seen: list[str] = []
    event.listen(session.get_bind(), "before_cursor_execute", lambda *args: seen.append(str(args[2])))
    return seen


def test_originals_read_with_the_articles_need_no_statement_and_agree(
    session: Session, scheme: SignatureScheme, index: SqlArticleIndex
) -> None:
    stored = index.upsert_many(
        [article(f"https://paper.example/{i}", random_text(i), scheme) for i in range(4)]
    )
    first, second, copy, alone = (outcome.id for outcome in stored)
    provenance = SqlProvenance(session)
    provenance.record([_copy(first, copy, 0.6), _copy(second, copy, 0.9)], replacing=[])
    expected = SqlProvenance(session).originals_of([first, copy, alone])
    assert expected == {copy: second}

    index.get_many([first, copy, alone])
    statements = _statements(session)
    assert provenance.originals_of([first, copy, alone]) == expected
    assert statements == []

    provenance.record([_copy(first, copy, 0.95)], replacing=[copy])
    assert provenance.originals_of([copy]) == {copy: first}
    assert len(statements) > 0
