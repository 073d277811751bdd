"""Initial schema: index_meta, articles, signatures, lsh_bands.

Revision ID: af62b2697c23
Revises:
Create Date: 2026-11-21 14:00:07.694869+00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "af62b2697c23"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ARTICLE_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "index_meta",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("scheme_id", sa.Text(), nullable=False),
        sa.Column("scheme_json", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_index_meta_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_index_meta")),
    )
    op.create_table(
        "articles",
        sa.Column("id", ARTICLE_ID, autoincrement=True, nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("canonical_url", sa.Text(), nullable=True),
        sa.Column("publisher", sa.Text(), nullable=True),
        sa.Column("domain", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("text_hash", sa.BigInteger(), nullable=False),
        sa.Column("word_count", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.CheckConstraint("url <> ''", name=op.f("ck_articles_url_not_empty")),
        sa.CheckConstraint("word_count >= 0", name=op.f("ck_articles_word_count_not_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
        sa.UniqueConstraint("url", name=op.f("uq_articles_url")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_articles_domain"), "articles", ["domain"], unique=False)
    op.create_index(op.f("ix_articles_text_hash"), "articles", ["text_hash"], unique=False)
    op.create_table(
        "signatures",
        sa.Column("article_id", ARTICLE_ID, autoincrement=False, nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_signatures_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", name=op.f("pk_signatures")),
    )
    op.create_table(
        "lsh_bands",
        sa.Column("band", sa.SmallInteger(), autoincrement=False, nullable=False),
        sa.Column("key", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("article_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.PrimaryKeyConstraint("band", "key", "article_id", name=op.f("pk_lsh_bands")),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("lsh_bands")
    op.drop_table("signatures")
    op.drop_index(op.f("ix_articles_text_hash"), table_name="articles")
    op.drop_index(op.f("ix_articles_domain"), table_name="articles")
    op.drop_table("articles")
    op.drop_table("index_meta")
