"""What an entry holds (encrypted at rest), kept apart from the tables.

Sketches and signatures are vectors: strokes of points on a canvas of a stated size, so they
can be drawn again at any scale (on screen and in a PDF). Every sketch has a text description
and every signature a typed name and role beside the drawn mark, for people who cannot see
them and for screen readers.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

MAX_TEXT = 20_000
MAX_POINTS = 20_000

Point = tuple[float, float]
Stroke = list[Point]


class SignerRole(StrEnum):
    OFFICER = "officer"
    WITNESS = "witness"
    VICTIM = "victim"
    SUSPECT = "suspect"


class Drawing(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    width: int = Field(ge=1, le=4000)
    height: int = Field(ge=1, le=4000)
    strokes: list[Stroke] = Field(default_factory=list, max_length=2000)

    @model_validator(mode="after")
    def _bounded(self) -> Drawing:
        if sum(len(s) for s in self.strokes) > MAX_POINTS:
            raise ValueError(f"a drawing may have at most {MAX_POINTS} points")
        return self


class Sketch(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str = Field(min_length=1, max_length=2000)
    drawing: Drawing


class Signature(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    role: SignerRole
    name: str = Field(min_length=1, max_length=200)
    drawing: Drawing | None = None


# The first bytes of each picture type accepted, so a photo is what it says it is.
PHOTO_SIGNATURES = {"image/jpeg": b"\xff\xd8\xff", "image/png": b"\x89PNG\r\n\x1a\n"}


def photo_media_type(data: bytes) -> str | None:
    """'image/jpeg' or 'image/png' by the picture's own first bytes; None for anything else."""
    for media_type, start in PHOTO_SIGNATURES.items():
        if data.startswith(start):
            return media_type
    return None


class Photo(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    media_type: str = Field(pattern=r"^image/(jpeg|png)$")
    data: str = Field(description="base64")
    description: str = Field(min_length=1, max_length=2000)

    @field_validator("data")
    @classmethod
    def _is_base64(cls, value: str) -> str:
        try:
            base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            raise ValueError("photo data must be base64") from None
        return value

    @model_validator(mode="after")
    def _is_the_picture_it_says(self) -> Photo:
        if photo_media_type(self.picture()) != self.media_type:
            raise ValueError("the photo must be a JPEG or PNG picture")
        return self

    def picture(self) -> bytes:
        return base64.b64decode(self.data)


class Location(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)
    accuracy_m: float | None = Field(default=None, ge=0, le=100_000)


class EntryContent(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(default="", max_length=MAX_TEXT)
    sketch: Sketch | None = None
    signatures: list[Signature] = Field(default_factory=list, max_length=10)
    photos: list[Photo] = Field(default_factory=list, max_length=10)
    location: Location | None = None
    correction_reason: str | None = Field(default=None, max_length=2000)

    @model_validator(mode="after")
    def _not_empty(self) -> EntryContent:
        if not (self.text.strip() or self.sketch or self.signatures or self.photos):
            raise ValueError("an entry needs text, a sketch, a signature or a photo")
        return self

    def canonical(self) -> bytes:
        """The bytes that are hashed and encrypted: sorted keys, no spaces, ASCII."""
        return canonical_json(self.model_dump(mode="json"))

    def content_hash(self) -> str:
        return hashlib.sha256(self.canonical()).hexdigest()


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


class SyncItem(BaseModel):
    """One entry the offline app queued. `content_json` is hashed exactly as sent."""

    model_config = ConfigDict(extra="forbid")

    client_id: str = Field(pattern=r"^[A-Za-z0-9-]{8,64}$")
    device_id: str = Field(pattern=r"^[A-Za-z0-9-]{8,64}$")
    device_seq: int = Field(ge=1, le=10_000_000)
    device_time: str = Field(max_length=40)
    content_json: str = Field(max_length=30_000_000)
    upload_hash: str = Field(pattern=r"^[0-9a-f]{64}$")


class SyncRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    items: list[SyncItem] = Field(max_length=500)
