"""The web pages for people, served by the API's app (server-rendered templates, no front-end build)."""

from newsdedup.web.routes import router

__all__ = ["router"]
