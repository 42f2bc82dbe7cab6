"""Domain errors carry their HTTP status; one set of handlers renders a single error shape."""

from __future__ import annotations

from typing import Any, ClassVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Receive, Scope, Send


class FieldError(BaseModel):
    field: str = Field(description="Where the problem is, e.g. `body.username` or `query.size`.")
    message: str = Field(description="What is wrong with it.")


class ErrorBody(BaseModel):
    code: str = Field(description="Stable machine-readable error code, e.g. `not_found`, `conflict`.")
    message: str = Field(description="Human-readable explanation.")
    fields: list[FieldError] = Field(default_factory=list, description="Invalid fields (422 only).")
    details: list[str] = Field(
        default_factory=list, description="What the error is about, e.g. the missing documents (409)."
    )


class DomainError(Exception):
    status_code: ClassVar[int] = 400
    code: ClassVar[str] = "bad_request"

    def __init__(self, message: str, *, headers: dict[str, str] | None = None, **extra: Any) -> None:
        super().__init__(message)
        self.message = message
        self.headers = headers
        self.extra = extra


class NotFound(DomainError):
    status_code = 404
    code = "not_found"


class Conflict(DomainError):
    status_code = 409
    code = "conflict"


class Forbidden(DomainError):
    status_code = 403
    code = "forbidden"


class Unauthorized(DomainError):
    status_code = 401
    code = "unauthorized"

    def __init__(self, message: str = "Not authenticated") -> None:
        super().__init__(message, headers={"WWW-Authenticate": "Bearer"})


class PreconditionRequired(DomainError):
    status_code = 428
    code = "precondition_required"


class TooManyRequests(DomainError):
    status_code = 429
    code = "too_many_requests"

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message, headers={"Retry-After": str(max(1, retry_after))})


class InvalidInput(DomainError):
    """A business-level validation failure on one field (e.g. a weak password), rendered like a 422."""

    status_code = 422
    code = "validation_error"

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.field = field


def responses(*errors: type[DomainError]) -> dict[int | str, dict[str, Any]]:
    """Declare an endpoint's error responses so they reach openapi.yaml and the TypeScript types."""
    out: dict[int | str, dict[str, Any]] = {}
    for err in errors:
        out[err.status_code] = {"model": ErrorBody, "description": err.__name__}
    return out


def _json(status: int, body: ErrorBody, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(status_code=status, content=body.model_dump(), headers=headers)


def _loc(loc: tuple[Any, ...] | list[Any]) -> str:
    return ".".join(str(p) for p in loc)


def error_response(exc: DomainError) -> JSONResponse:
    """The error as a response *returned* (not raised), for the few cases where the request's transaction
    must still commit: a failed login or a missed public lookup must count towards throttling."""
    fields = [FieldError(field=exc.field, message=exc.message)] if isinstance(exc, InvalidInput) else []
    details = [str(d) for d in exc.extra.get("details", [])]
    body = ErrorBody(code=exc.code, message=exc.message, fields=fields, details=details)
    return _json(exc.status_code, body, exc.headers)


async def _domain_handler(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    return error_response(exc)


async def _validation_handler(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    fields = [FieldError(field=_loc(e.get("loc", ())), message=str(e.get("msg", ""))) for e in exc.errors()]
    names = ", ".join(f.field for f in fields) or "request"
    return _json(422, ErrorBody(code="validation_error", message=f"Invalid input: {names}", fields=fields))


_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    429: "too_many_requests",
}


async def _http_handler(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 400 and exc.detail == "There was an error parsing the body":
        # A body that is not JSON (or not UTF-8) is an invalid payload like any other.
        field = FieldError(field="body", message="The body is not valid JSON")
        return _json(422, ErrorBody(code="validation_error", message="Invalid input: body", fields=[field]))
    code = _HTTP_CODES.get(exc.status_code, "error")
    message = exc.detail if isinstance(exc.detail, str) else code
    return _json(exc.status_code, ErrorBody(code=code, message=message), dict(exc.headers or {}))


def install_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, _domain_handler)
    app.add_exception_handler(RequestValidationError, _validation_handler)
    app.add_exception_handler(StarletteHTTPException, _http_handler)


class RejectNul:
    """Refuse a request whose path or query string holds the NUL character (`%00`) with 422: PostgreSQL text
    cannot store or compare it, so it would otherwise fail the statement with a 500. Bodies are checked by the
    schemas (`core.schemas.no_nul`)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            where = None
            if "\x00" in scope.get("path", ""):
                where = "path"
            elif b"%00" in scope.get("query_string", b"").lower():
                where = "query"
            if where is not None:
                field = FieldError(field=where, message="must not contain the NUL character")
                body = ErrorBody(code="validation_error", message=f"Invalid input: {where}", fields=[field])
                await _json(422, body)(scope, receive, send)
                return
        await self.app(scope, receive, send)
