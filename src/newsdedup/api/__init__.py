"""The HTTP API: a thin FastAPI shell over `newsdedup.detector`."""

from newsdedup.api.app import create_app

__all__ = ["create_app"]
