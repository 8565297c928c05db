"""One redaction layer for every log line the platform writes: no token reaches a log.

Tokens travel in URL paths (chat sessions, upload links, tus uploads), cookies, form fields
and headers, and any logger may print one: uvicorn's access log prints raw paths, an
unhandled error prints the URL and a traceback, a library may print a request. Rather than
trust each caller, the filter sits on the root handler and rewrites every record before it
is formatted, its message and its traceback alike.

What counts as a token: a run of 32 or more URL-safe characters (letters, digits, `-`, `_`)
with a digit in it, or with both upper- and lower-case letters; that covers every token the
platform makes (`secrets.token_urlsafe`, hex digests and HMACs, upload link tokens, which
are three such runs joined by dots) while leaving words and snake_case names alone. Values
after `Bearer`, `token=`, `signature=`, `password=` and similar are removed whatever they are.
"""

from __future__ import annotations

import logging
import re

REDACTED = "[redacted]"
_RUN = re.compile(r"[A-Za-z0-9_-]{32,}")
_NAMED = re.compile(
    r"(?i)(\b(?:bearer|basic)\s+|\b(?:token|csrf_token|signature|password|secret|session|"
    r"authorization|cookie)\s*[=:]\s*)((?:(?:bearer|basic|digest)\s+)?[^\s&;,\"']+)"
)


def _looks_random(run: str) -> bool:
    return any(c.isdigit() for c in run) or (
        any(c.isupper() for c in run) and any(c.islower() for c in run)
    )


def redact(text: str) -> str:
    """The text with every token-like value replaced by `[redacted]`."""
    text = _NAMED.sub(lambda m: m.group(1) + REDACTED, text)
    return _RUN.sub(lambda m: REDACTED if _looks_random(m.group(0)) else m.group(0), text)


class SecretRedactor(logging.Filter):
    """Rewrites a record's message and traceback; attach it to a handler to cover every
    logger whose records reach that handler."""

    def __init__(self) -> None:
        super().__init__()
        self._formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message or record.args:
            record.msg, record.args = cleaned, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
            # Formatters that format `exc_info` afresh would bring the raw text back.
            record.exc_info = None
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
