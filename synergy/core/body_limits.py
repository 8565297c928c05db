"""How large a request body each kind of route accepts (FastAPI's `max_body_size`).

FastAPI counts the body as it streams in and answers 413 as soon as it passes the route's
limit, or before reading it when `Content-Length` already says it is too large; nothing
parses an oversized body. The app's default covers every route; a route that needs another
limit says so: `@router.post(..., max_body_size=SMALL_PUBLIC_FORM)`.
"""

from __future__ import annotations

DEFAULT_BODY_LIMIT = 1 << 20  # a staff form or JSON document
SMALL_PUBLIC_FORM = 16 << 10  # sign-in, a chat message: a few lines of text from anyone
ACRO_CALLBACK_LIMIT = 256 << 10  # an ACRO reply with its conviction details
STREAMED_UPLOAD_LIMIT = 1 << 40  # tus: each upload link enforces its own, smaller size
