"""Every error is JSON that says what went wrong and how to fix it."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsdedup.core import SchemeError


class ApiError(Exception):
    """An error with an HTTP status, a stable code and a message for the user."""

    def __init__(self, status: int, code: str, message: str, errors: list[dict[str, str]] | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors or []


def error_response(
    status: int, code: str, message: str, errors: list[dict[str, str]] | None = None
) -> JSONResponse:
    """The JSON body every error shares (a 401 also says which scheme: ``WWW-Authenticate: Bearer``)."""
    headers = {"WWW-Authenticate": 'Bearer realm="newsdedup"'} if status == 401 else None
    return JSONResponse(
        status_code=status,
        content={"error": code, "message": message, "errors": errors or []},
        headers=headers,
    )


def describe_validation_errors(raw: list[Any]) -> list[dict[str, str]]:
    """Pydantic's error list as ``{"field", "message"}`` pairs a person can act on."""
    described = []
    for item in raw:
        location = [str(part) for part in item.get("loc", ()) if part not in ("body",)]
        message = str(item.get("msg", "invalid value")).removeprefix("Value error, ")
        if item.get("type") == "extra_forbidden":
            message = "unknown field; remove it (see /docs for the accepted fields)"
        described.append({"field": ".".join(location) or "body", "message": message})
    return described


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers that turn every failure into an `ErrorBody`."""

    @app.exception_handler(ApiError)
    async def _api_error(_: Request, error: ApiError) -> JSONResponse:
        return error_response(error.status, error.code, error.message, error.errors)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, error: RequestValidationError) -> JSONResponse:
        raw = list(error.errors())
        if any(item.get("type") == "json_invalid" for item in raw):
            return error_response(
                400, "invalid_json", "the body is not valid JSON (UTF-8 encoded); check quoting and encoding"
            )
        errors = describe_validation_errors(raw)
        summary = "; ".join(f"{item['field']}: {item['message']}" for item in errors)
        return error_response(422, "invalid_request", summary or "the request is invalid", errors)

    @app.exception_handler(SchemeError)
    async def _scheme(_: Request, error: SchemeError) -> JSONResponse:
        return error_response(409, "scheme_mismatch", str(error))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, error: StarletteHTTPException) -> JSONResponse:
        codes = {401: "unauthorized", 404: "not_found", 405: "method_not_allowed", 413: "payload_too_large"}
        return error_response(
            error.status_code, codes.get(error.status_code, "http_error"), str(error.detail)
        )
