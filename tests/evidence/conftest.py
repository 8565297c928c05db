"""Evidence test helpers: upload requests with a statement given, tiny real videos, tus calls."""

from __future__ import annotations

import base64
import io
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from sqlalchemy.orm import Session

from synergy.core.config import Settings
from synergy.evidence import service
from synergy.evidence.service import NewRequest, Statement

TUS = {"Tus-Resumable": "1.0.0"}


@dataclass
class Link:
    public_id: str
    token: str

    @property
    def endpoint(self) -> str:
        return f"/api/evidence/tus/{self.token}"

    @property
    def page(self) -> str:
        return f"/evidence/upload/{self.token}"


STATEMENT = Statement(
    name="Sam Jones",
    contact="sam@example.com",
    recorded_when="25 November 2026, 10pm",
    recorded_where="12 High Street, camera over the door",
    clock_offset="5 minutes fast",
    details="",
    consent=True,
)


@pytest.fixture
def make_link(session_factory, settings: Settings) -> Callable[..., Link]:  # type: ignore[no-untyped-def]
    def _make(*, statement: bool = True, **overrides: object) -> Link:
        fields: dict[str, object] = {
            "reference": "20/123456/24",
            "description": "Front door camera, 10pm to 11pm",
            "email": "sam@example.com",
        }
        fields.update(overrides)
        with session_factory() as db:
            request, token = service.create_request(
                db,
                secret=settings.secret(),
                form=NewRequest(**fields),
                actor="ivy",  # type: ignore[arg-type]
            )
            if statement:
                service.record_statement(db, request=request, statement=STATEMENT, source_ip=None)
            db.commit()
            return Link(request.public_id, token.value)

    return _make


def tiny_mp4(seconds: int = 1) -> bytes:
    """A real H.264 MP4 made with PyAV: 64x48, 10 frames a second."""
    import av
    import numpy as np

    buffer = io.BytesIO()
    with av.open(buffer, "w", format="mp4") as container:
        stream = container.add_stream("libx264", rate=10)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        for index in range(10 * seconds):
            pixels = np.full((48, 64, 3), index * 20 % 255, dtype=np.uint8)
            frame = av.VideoFrame.from_ndarray(pixels, format="rgb24")
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return buffer.getvalue()


def fake_video(size: int) -> bytes:
    """Bytes that begin like an MP4 (enough for the type check), then filler."""
    head = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"
    return (head + bytes(range(256)) * (size // 256 + 1))[:size]


def metadata(**values: str) -> str:
    return ",".join(f"{k} {base64.b64encode(v.encode()).decode()}" for k, v in values.items())


def db_session(session_factory) -> Session:  # type: ignore[no-untyped-def]
    return session_factory()


@pytest.fixture
def as_creator(client, make_user):  # type: ignore[no-untyped-def]
    """The client signed in as ivy, the investigator who creates `make_link`'s requests."""
    from synergy.core.roles import Role
    from tests.conftest import sign_in

    make_user("ivy", Role.INVESTIGATOR)
    sign_in(client, "ivy")
    return client
