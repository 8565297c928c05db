"""A local ACRO gateway simulator speaking the same protocol, with fault injection.

POST /v1/requests with an `Idempotency-Key` header and an `ExchangeRequest` body is accepted
(202, an ACRO reference) once per key; a repeated key gets the same reference back (200,
"repeated": true). Replies are pushed later to the callback URL, signed (see signatures.py).

Faults, drawn per request with probability `fault_rate` from a seeded generator: refusal (429),
server error before accepting (503), server error after accepting (500), timeout after
accepting, a slow answer, a dropped connection after accepting; and for replies, duplicates
and late delivery. "After accepting" is the hard case: ACRO has the request but we don't know.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx
from fastapi import FastAPI, Header, Request
from fastapi.responses import JSONResponse, Response
from pydantic import ValidationError
from starlette.types import Receive, Scope, Send

from synergy.acro.exchange import ExchangeRequest
from synergy.acro.signatures import signed_headers

log = logging.getLogger(__name__)

REQUEST_FAULTS = ("refusal", "error_before", "error_after", "timeout", "slow", "drop")
REPLY_FAULTS = ("duplicate", "late")


@dataclass
class SimulatorConfig:
    fault_rate: float = 0.0
    reply_fault_rate: float | None = None  # None: the same as fault_rate
    seed: int = 0
    callback_url: str = ""
    callback_secret: str = ""
    reply_delay: float = 0.2
    late_delay: float = 5.0
    slow_delay: float = 0.5
    hang_seconds: float = 15.0
    convictions_rate: float = 0.3
    # Tests deliver replies straight into an app; None means over the network.
    callback_transport: httpx.AsyncBaseTransport | None = None


@dataclass
class SimulatorState:
    accepted: dict[str, dict[str, Any]] = field(default_factory=dict)
    posts: int = 0
    repeats: int = 0
    faults: dict[str, int] = field(default_factory=dict)
    replies_sent: int = 0


class DroppedConnection(Response):
    """Starts an answer and then breaks off, as a failing network or proxy would."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send(
            {
                "type": "http.response.start",
                "status": 202,
                "headers": [(b"content-type", b"application/json"), (b"content-length", b"1000")],
            }
        )
        await send({"type": "http.response.body", "body": b'{"acro_', "more_body": True})
        raise ConnectionAbortedError("simulated dropped connection")


def create_simulator_app(config: SimulatorConfig) -> FastAPI:
    app = FastAPI(title="ACRO gateway simulator", docs_url=None, redoc_url=None)
    state = SimulatorState()
    rng = random.Random(config.seed)  # noqa: S311 - fault injection, not security
    app.state.simulator = state
    tasks: set[asyncio.Task[None]] = set()
    reply_rate = config.fault_rate if config.reply_fault_rate is None else config.reply_fault_rate

    def fault(kinds: tuple[str, ...], rate: float = config.fault_rate) -> str | None:
        if rng.random() >= rate:
            return None
        kind = rng.choice(kinds)
        state.faults[kind] = state.faults.get(kind, 0) + 1
        return kind

    def accept(key: str, message: ExchangeRequest) -> dict[str, Any]:
        reference = f"ACRO/{len(state.accepted) + 1:06d}/{key[-6:]}"
        state.accepted[key] = {"acro_reference": reference, "custody": message.custody_reference}
        reply = _reply(key, reference, rng, config.convictions_rate)
        reply_fault = fault(REPLY_FAULTS, reply_rate)
        delay = config.late_delay if reply_fault == "late" else config.reply_delay
        copies = 2 if reply_fault == "duplicate" else 1
        if config.callback_url:
            task = asyncio.create_task(_deliver(config, state, reply, delay, copies))
            tasks.add(task)
            task.add_done_callback(tasks.discard)
        return {"acro_reference": reference, "status": "accepted", "repeated": False}

    @app.post("/v1/requests")
    async def submit(
        request: Request, idempotency_key: str = Header(default="", max_length=200)
    ) -> Response:
        state.posts += 1
        if not idempotency_key:
            return JSONResponse({"error": "Idempotency-Key header is required"}, 400)
        try:
            message = ExchangeRequest.model_validate(json.loads(await request.body()))
        except (ValidationError, ValueError) as exc:
            return JSONResponse({"error": "refused", "detail": str(exc)[:1000]}, 422)
        if idempotency_key in state.accepted:
            state.repeats += 1
            return JSONResponse(
                {**state.accepted[idempotency_key], "status": "accepted", "repeated": True}, 200
            )
        kind = fault(REQUEST_FAULTS)
        if kind == "refusal":
            return JSONResponse({"error": "busy, try later"}, 429, headers={"Retry-After": "1"})
        if kind == "error_before":
            return JSONResponse({"error": "unavailable"}, 503)
        body = accept(idempotency_key, message)
        if kind == "error_after":
            return JSONResponse({"error": "internal error"}, 500)
        if kind == "timeout":
            await asyncio.sleep(config.hang_seconds)
        if kind == "slow":
            await asyncio.sleep(config.slow_delay)
        if kind == "drop":
            return DroppedConnection()
        return JSONResponse(body, 202)

    @app.get("/v1/stats")
    async def stats() -> dict[str, Any]:
        return {
            "accepted": len(state.accepted),
            "posts": state.posts,
            "repeats": state.repeats,
            "faults": state.faults,
            "replies_sent": state.replies_sent,
            "keys": sorted(state.accepted),
        }

    return app


def _reply(key: str, reference: str, rng: random.Random, convictions_rate: float) -> dict[str, Any]:
    found = rng.random() < convictions_rate
    convictions = (
        [
            {
                "country": "PL",
                "date": "2019-05-14",
                "offence": "Theft",
                "sentence": "8 months, suspended",
            }
        ]
        if found
        else []
    )
    return {
        "response_id": str(uuid.UUID(int=rng.getrandbits(128))),
        "idempotency_key": key,
        "acro_reference": reference,
        "outcome": "convictions" if found else "no_trace",
        "convictions": convictions,
    }


async def _deliver(
    config: SimulatorConfig, state: SimulatorState, reply: dict[str, Any], delay: float, copies: int
) -> None:
    await asyncio.sleep(delay)
    body = json.dumps(reply).encode()
    async with httpx.AsyncClient(timeout=10, transport=config.callback_transport) as client:
        for _ in range(copies):
            for attempt in range(8):
                headers = {
                    "content-type": "application/json",
                    **signed_headers(config.callback_secret.encode(), body),
                }
                try:
                    answer = await client.post(config.callback_url, content=body, headers=headers)
                    if answer.status_code < 500:
                        state.replies_sent += 1
                        break
                except httpx.HTTPError as exc:
                    log.info("callback failed (%s); retrying", exc)
                await asyncio.sleep(min(30.0, 0.5 * 2**attempt))
