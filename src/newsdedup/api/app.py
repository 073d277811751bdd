"""The FastAPI application factory; engines and settings are built in the lifespan, not at import."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy.orm import sessionmaker

from newsdedup import __version__
from newsdedup.api.audit_routes import router as audit_router
from newsdedup.api.deps import Runtime, RuntimeDep
from newsdedup.api.errors import error_response, install_error_handlers
from newsdedup.api.limits import BodySizeLimit
from newsdedup.api.routes import router
from newsdedup.core import default_scheme
from newsdedup.settings import Settings, get_settings
from newsdedup.store.db import create_engine_for, database_is_ready, upgrade_database
from newsdedup.web import router as web_router

log = logging.getLogger("newsdedup")


def create_app(settings: Settings | None = None, *, migrate: bool | None = None) -> FastAPI:
    """Build the app (settings from the environment unless given).

    ``migrate`` applies migrations at start-up; by default only on SQLite, the embedded default.
    """

    active = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = create_engine_for(active.database_url, pool_size=active.db_pool_size)
        if migrate if migrate is not None else engine.dialect.name == "sqlite":
            upgrade_database(engine)
        auth = active.auth_enabled(engine.dialect.name)
        app.state.runtime = Runtime(
            settings=active,
            engine=engine,
            sessions=sessionmaker(engine, expire_on_commit=False),
            scheme=default_scheme(),
            auth=auth,
        )
        log.info("newsdedup %s serving %s", __version__, engine.url.render_as_string(hide_password=True))
        if auth:
            log.info("API keys required for writes (create one with `newsdedup key create NAME`)")
        else:
            log.warning(
                "API keys are OFF: anyone who can reach this server can index and delete articles "
                "(NEWSDEDUP_AUTH=%s on %s); set NEWSDEDUP_AUTH=on and create a key with "
                "`newsdedup key create NAME` before exposing it",
                active.auth,
                engine.dialect.name,
            )
        try:
            yield
        finally:
            engine.dispose()

    app = FastAPI(
        title="newsdedup",
        version=__version__,
        summary="Find the original of republished news.",
        lifespan=lifespan,
    )
    app.add_middleware(BodySizeLimit, max_bytes=active.max_body_bytes)
    install_error_handlers(app)
    app.include_router(router)
    app.include_router(audit_router)
    app.include_router(web_router)

    @app.get("/healthz", tags=["health"], summary="The process is alive")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", tags=["health"], summary="The database answers", response_model=None)
    def readyz(runtime: RuntimeDep) -> object:
        if database_is_ready(runtime.engine):
            return {"status": "ready", "scheme": runtime.scheme.id}
        return error_response(503, "database_unavailable", "the database does not answer; check DATABASE_URL")

    return app
