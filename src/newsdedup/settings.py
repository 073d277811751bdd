"""Configuration from the environment, read when asked for (never at import time)."""

from __future__ import annotations

from typing import Literal

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///newsdedup.sqlite3"


class Settings(BaseSettings):
    """Every knob of the service and the CLI; environment variables are prefixed ``NEWSDEDUP_``.

    ``DATABASE_URL`` is also read without the prefix, as hosting platforms set it.
    """

    model_config = SettingsConfigDict(env_prefix="NEWSDEDUP_", extra="ignore", populate_by_name=True)

    database_url: str = Field(
        default=DEFAULT_DATABASE_URL,
        validation_alias=AliasChoices("NEWSDEDUP_DATABASE_URL", "DATABASE_URL"),
        description="SQLAlchemy URL: sqlite:///path.sqlite3 (default) or postgresql+psycopg://...",
    )
    max_body_bytes: int = Field(
        default=2_000_000, description="Largest request body accepted by the API (413 above it)."
    )
    max_text_chars: int = Field(default=500_000, description="Longest article text accepted, in characters.")
    max_bulk_items: int = Field(default=1000, description="Most articles in one bulk request.")
    match_limit: int = Field(default=10, description="Default number of matches returned.")
    candidate_limit: int = Field(default=30, description="Most LSH candidates verified per query.")
    db_pool_size: int = Field(default=5, description="Connections per worker process (PostgreSQL).")
    auth: Literal["on", "off", "auto"] = Field(
        default="auto",
        description="API keys for the write endpoints: on, off, or auto (off on SQLite, on otherwise).",
    )
    require_key_for_reads: bool = Field(
        default=False, description="Also require an API key for the read endpoints and the web pages."
    )

    def auth_enabled(self, dialect: str) -> bool:
        """Whether write endpoints need a key on a database of this dialect (``sqlite``, ``postgresql``)."""
        return self.auth == "on" or (self.auth == "auto" and dialect != "sqlite")


def get_settings() -> Settings:
    """Read the settings from the environment now."""
    return Settings()
