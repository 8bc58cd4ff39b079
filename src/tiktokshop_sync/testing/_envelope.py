"""TikTok's response envelope ``{code, data, message, request_id}`` as bytes."""

from __future__ import annotations

import json

from tiktokshop_sync.testing._errors import ApiError
from tiktokshop_sync.testing._http import RawResponse

__all__ = ["error_response", "success_response"]


def _dump(envelope: dict[str, object]) -> bytes:
    return json.dumps(envelope, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def success_response(data: object, request_id: str, message: str = "Success") -> RawResponse:
    """HTTP 200 with ``code`` 0; an empty result is ``{}``, never ``null``."""
    body = _dump(
        {
            "code": 0,
            "data": {} if data is None else data,
            "message": message,
            "request_id": request_id,
        }
    )
    return RawResponse(status=200, body=body)


def error_response(error: ApiError, request_id: str) -> RawResponse:
    """The error's HTTP status with its code and message; ``data`` is ``null`` on errors unless
    the error carries some (a refused product's ``extra_errors``)."""
    body = _dump(
        {
            "code": error.code,
            "data": error.data,
            "message": error.message,
            "request_id": request_id,
        }
    )
    return RawResponse(
        status=error.http_status,
        body=body,
        headers=(("content-type", "application/json"), *error.headers),
    )
