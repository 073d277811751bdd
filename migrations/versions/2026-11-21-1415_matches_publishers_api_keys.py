"""Matches found at index time, registered publishers and their domains, API keys; canonical url index.

Revision ID: c2dc55f4ab9b
Revises: af62b2697c23
Create Date: 2026-11-21 14:15:51.487773+00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "c2dc55f4ab9b"
down_revision: str | None = "af62b2697c23"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ARTICLE_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "api_keys",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("key_hash", sa.Text(), nullable=False),
        sa.Column("prefix", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_keys")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_api_keys_key_hash")),
    )
    op.create_table(
        "publishers",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("original_source", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("name <> ''", name=op.f("ck_publishers_name_not_empty")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publishers")),
        sa.UniqueConstraint("name", name=op.f("uq_publishers_name")),
    )
    op.create_table(
        "publisher_domains",
        sa.Column("domain", sa.Text(), nullable=False),
        sa.Column("publisher_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["publisher_id"],
            ["publishers.id"],
            name=op.f("fk_publisher_domains_publisher_id_publishers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("domain", name=op.f("pk_publisher_domains")),
    )
    op.create_index(
        op.f("ix_publisher_domains_publisher_id"), "publisher_domains", ["publisher_id"], unique=False
    )
    op.create_table(
        "matches",
        sa.Column("original_id", ARTICLE_ID, autoincrement=False, nullable=False),
        sa.Column("copy_id", ARTICLE_ID, autoincrement=False, nullable=False),
        sa.Column("relation", sa.Text(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("similarity", sa.Float(), nullable=False),
        sa.Column("reused_original", sa.Float(), nullable=False),
        sa.Column("reused_copy", sa.Float(), nullable=False),
        sa.Column("detected_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("relation IN ('copy', 'duplicate')", name=op.f("ck_matches_relation_known")),
        sa.CheckConstraint("original_id <> copy_id", name=op.f("ck_matches_not_self")),
        sa.ForeignKeyConstraint(
            ["copy_id"], ["articles.id"], name=op.f("fk_matches_copy_id_articles"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["original_id"], ["articles.id"], name=op.f("fk_matches_original_id_articles"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("original_id", "copy_id", name=op.f("pk_matches")),
    )
    op.create_index("ix_matches_copy_id", "matches", ["copy_id"], unique=False)
    op.create_index(op.f("ix_articles_canonical_url"), "articles", ["canonical_url"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_articles_canonical_url"), table_name="articles")
    op.drop_index("ix_matches_copy_id", table_name="matches")
    op.drop_table("matches")
    op.drop_index(op.f("ix_publisher_domains_publisher_id"), table_name="publisher_domains")
    op.drop_table("publisher_domains")
    op.drop_table("publishers")
    op.drop_table("api_keys")
