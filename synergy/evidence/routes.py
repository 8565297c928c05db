"""Machine endpoints of the evidence portal: the tus upload protocol (see `tus.py`)."""

from fastapi import APIRouter

from synergy.evidence import tus
from synergy.evidence.log_redaction import redact_upload_tokens

router = APIRouter()
router.include_router(tus.router)

# The platform mounts this module's router when it builds the app: the one moment this
# service is wired in, so the filter is installed here.
redact_upload_tokens()
