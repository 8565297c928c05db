"""Machine endpoints of the evidence portal: the tus upload protocol (see `tus.py`)."""

from fastapi import APIRouter

from synergy.evidence import tus

router = APIRouter()
router.include_router(tus.router)
