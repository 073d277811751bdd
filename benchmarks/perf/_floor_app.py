"""The floor: a FastAPI app whose POST /v1/match parses the same body and does nothing else.

What a load generator measures against it is the generator, the HTTP stack and the machine, none of
the service's work. Run: uvicorn _floor_app:create_app --factory --workers 2
"""

from __future__ import annotations

from fastapi import FastAPI
from pydantic import BaseModel


class MatchIn(BaseModel):
    """A query text."""

    text: str


def create_app() -> FastAPI:
    """The floor app."""
    app = FastAPI()

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/v1/match")
    def match(body: MatchIn) -> dict[str, int]:
        return {"characters": len(body.text)}

    return app
