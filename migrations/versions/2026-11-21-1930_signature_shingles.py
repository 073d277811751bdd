"""Compact shingles beside each signature, so verification reads them instead of re-shingling texts.

Revision ID: 5b0e3c1f7a21
Revises: c2dc55f4ab9b
Create Date: 2026-11-21 19:30:00+00:00

Existing rows keep NULL: the detector shingles their texts when it meets them, and
`newsdedup reindex` stores the shingles of every article.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "5b0e3c1f7a21"
down_revision: str | None = "c2dc55f4ab9b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("signatures") as batch:
        batch.add_column(sa.Column("shingles", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("signatures") as batch:
        batch.drop_column("shingles")
