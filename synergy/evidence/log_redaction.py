"""Keeps upload link tokens out of logs written by other code.

Our access log records route templates, but uvicorn's own access log (`uvicorn.access`, on
unless the server is started with it off) records raw paths, which hold the token. This filter
replaces any token in a record on the named loggers with `{token}`.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

    from synergy.core.config import Settings

TOKEN_PATTERN = re.compile(r"[0-9a-f]{32}\.[A-Za-z0-9_-]{43}\.[0-9a-f]{64}")
RAW_PATH_LOGGERS = ("uvicorn.access", "uvicorn.error")


class UploadTokenRedactor(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if TOKEN_PATTERN.search(message):
            record.msg = TOKEN_PATTERN.sub("{token}", message)
            record.args = ()
        return True


def redact_upload_tokens() -> None:
    """Add the filter once to each logger that writes raw request paths."""
    for name in RAW_PATH_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, UploadTokenRedactor) for f in logger.filters):
            logger.addFilter(UploadTokenRedactor())


def redact_upload_tokens_in_server_logs(_app: FastAPI, _settings: Settings) -> None:
    """Start-up hook (declared in synergy/evidence/__init__.py)."""
    redact_upload_tokens()
