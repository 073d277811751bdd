"""API keys on the HTTP API: ``Authorization: Bearer <key>`` checked against the stored hashes.

Write endpoints need a key when auth is on (`Settings.auth`); read endpoints and the web pages only when
``NEWSDEDUP_REQUIRE_KEY_FOR_READS`` is set. A missing or bad key is a 401 that says how to get one.
"""

from __future__ import annotations

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from newsdedup.api.deps import Runtime, RuntimeDep
from newsdedup.api.errors import ApiError
from newsdedup.store.keys import check_key

HOW_TO_GET_ONE = (
    "create one on the server with `newsdedup key create NAME` and send it as `Authorization: Bearer <key>`"
)


def bearer_token(request: Request) -> str | None:
    """The key in the request's ``Authorization: Bearer`` header, if any."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return (token.strip() or None) if scheme.lower() == "bearer" else None


def key_needed(runtime: Runtime, *, write: bool) -> bool:
    """Whether such a request must bring an API key on this server."""
    return (runtime.auth or runtime.keys_for_reads) if write else runtime.keys_for_reads


def check_access(request: Request, runtime: Runtime, *, write: bool) -> None:
    """Raise a 401 `ApiError` unless the request may go on."""
    if not key_needed(runtime, write=write):
        return
    token = bearer_token(request)
    what = "this endpoint changes data" if write else "this server requires a key for reads too"
    if token is None:
        raise ApiError(401, "unauthorized", f"an API key is required ({what}): {HOW_TO_GET_ONE}")
    with runtime.session() as session:
        key = check_key(session, token)
    if key is None:
        raise ApiError(401, "unauthorized", f"the API key is unknown or revoked: {HOW_TO_GET_ONE}")


async def require_writer(request: Request, runtime: RuntimeDep) -> None:
    """Dependency of the write endpoints (index, bulk, delete, publisher changes).

    Async, so an open endpoint costs no trip through the thread pool; the key lookup runs in it.
    """
    if key_needed(runtime, write=True):
        await run_in_threadpool(check_access, request, runtime, write=True)


async def require_reader(request: Request, runtime: RuntimeDep) -> None:
    """Dependency of the read endpoints (open unless ``NEWSDEDUP_REQUIRE_KEY_FOR_READS``)."""
    if key_needed(runtime, write=False):
        await run_in_threadpool(check_access, request, runtime, write=False)


WRITER = [Depends(require_writer)]
READER = [Depends(require_reader)]
