"""A partner control room for tests and the demo (`synergy cad-partner-sim`), with faults.

It speaks the exchange both ways:

- `POST /incident-exchange/messages` receives our messages, checks the signature and the
  schema, and answers with a receipt. A repeated message id gets the first receipt again and
  changes nothing, so the simulator holds each of our incidents once, at its highest version.
  Faults on receiving: refusal (503), busy (429), a timeout after taking the message (the
  sender never hears), an error after taking it (500). `reject_rate` answers with reject
  receipts instead.
- `POST /sim/send` (JSON `{"count": N}`) makes it send N incidents of its own to
  `target_url`: a create, `updates` updates and (optionally) a close each, resending until it
  has a receipt. Faults on sending: duplicates (a message sent twice) and updates out of order
  (the messages of one incident sent newest first).
- Our updates and closures of the simulator's own incidents (an `update` or `close` about its
  reference) are kept apart, per reference at our highest Version (`answers` in the stats).
- `GET /sim/stats` counts everything, for tests to check none lost and none doubled.

Faults are drawn from a seeded generator, so a run can be repeated.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import random
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from synergy.cad.partner import messages as m
from synergy.cad.partner.signatures import (
    AGENCY_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    is_valid,
    signed_headers,
)

log = logging.getLogger(__name__)

RECEIVE_FAULTS = ("refusal", "busy", "timeout", "error_after")
SEND_FAULTS = ("duplicate", "out_of_order")
XML = "application/xml"


@dataclass
class SimulatorConfig:
    agency_code: str = "SIMFS"
    peer_code: str = "WMP"
    secret: str = ""
    target_url: str = ""
    fault_rate: float = 0.0
    reject_rate: float = 0.0
    seed: int = 0
    hang_seconds: float = 15.0
    updates: int = 1
    close: bool = True
    concurrency: int = 4
    retry_delay: float = 0.05
    send_timeout: float = 10.0
    send_at_start: int = 0
    # Tests deliver straight into an app; None means over the network.
    transport: httpx.AsyncBaseTransport | None = None


@dataclass
class ReceivedIncident:
    agency: str
    reference: str
    version: int
    closed: bool
    creations: int = 0  # create messages (distinct message ids): 1 unless someone doubled it
    messages: int = 0
    remarks: int = 0


@dataclass
class SimulatorState:
    receipts: dict[str, bytes] = field(default_factory=dict)
    incidents: dict[tuple[str, str], ReceivedIncident] = field(default_factory=dict)
    posts: int = 0
    repeats: int = 0
    faults: dict[str, int] = field(default_factory=dict)
    sent_incidents: int = 0
    sent_messages: int = 0
    send_attempts: int = 0
    acknowledged: dict[str, str] = field(default_factory=dict)
    sending: int = 0
    references: list[str] = field(default_factory=list)
    failures: dict[str, int] = field(default_factory=dict)
    # The peer's updates to the simulator's own incidents: reference -> [version, closed].
    answers: dict[str, list[Any]] = field(default_factory=dict)
    answer_messages: int = 0


class Simulator:
    """The simulator's behaviour, apart from HTTP so that it reads top to bottom."""

    def __init__(self, config: SimulatorConfig) -> None:
        self.config = config
        self.state = SimulatorState()
        self.rng = random.Random(config.seed)  # noqa: S311 - fault injection, not security
        self.tasks: set[asyncio.Task[None]] = set()

    def fault(self, kinds: tuple[str, ...]) -> str | None:
        if self.rng.random() >= self.config.fault_rate:
            return None
        kind = self.rng.choice(kinds)
        self.state.faults[kind] = self.state.faults.get(kind, 0) + 1
        return kind

    # --- receiving ----------------------------------------------------------------------------

    def receipt(
        self,
        message_id: str,
        outcome: m.Outcome,
        code: str,
        reason: str | None = None,
        **extra: Any,
    ) -> bytes:
        return m.build_acknowledgement(
            m.Acknowledgement(
                header=m.Header.new(
                    sender=self.config.agency_code, recipient=self.config.peer_code
                ),
                in_reply_to=message_id,
                outcome=outcome,
                reason_code=code,
                reason=reason,
                **extra,
            )
        )

    def take(self, body: bytes) -> bytes:
        """Apply one valid incident message; returns the receipt (stored for repeats)."""
        message = m.parse_incident_message(body)
        message_id = message.header.message_id
        if message_id in self.state.receipts:
            self.state.repeats += 1
            return self.state.receipts[message_id]
        incident = message.incident
        key = (incident.originating_agency, incident.reference)
        if incident.originating_agency == self.config.agency_code:
            receipt = self.take_answer(message)
        elif self.config.reject_rate and self.rng.random() < self.config.reject_rate:
            receipt = self.receipt(
                message_id, "rejected", "not-accepted", "No resources free in that area"
            )
        else:
            held = self.state.incidents.get(key)
            if held is None:
                held = self.state.incidents[key] = ReceivedIncident(
                    key[0], key[1], incident.version, incident.closed_at is not None
                )
            held.creations += 1 if message.type == "create" else 0
            if incident.version > held.version:
                held.version = incident.version
                held.closed = incident.closed_at is not None
            held.messages += 1
            held.remarks = max(held.remarks, len(incident.remarks))
            applied = "applied" if held.version == incident.version else "superseded"
            receipt = self.receipt(
                message_id,
                "accepted",
                applied,
                incident_reference=incident.reference,
                originating_agency=incident.originating_agency,
                receiver_reference=f"SIM-{len(self.state.incidents):06d}",
                applied_version=held.version,
            )
        self.state.receipts[message_id] = receipt
        return receipt

    def take_answer(self, message: m.IncidentMessage) -> bytes:
        """The peer's update or closure of one of the simulator's own incidents: kept per
        reference at the peer's highest Version (the peer numbers its own messages)."""
        incident = message.incident
        if message.type == "create" or incident.reference not in self.state.references:
            return self.receipt(
                message.header.message_id,
                "rejected",
                "not-accepted",
                f"{incident.reference} is not an incident of {self.config.agency_code}",
            )
        held = self.state.answers.setdefault(incident.reference, [0, False])
        applied = incident.version > held[0]
        if applied:
            held[:] = [incident.version, incident.closed_at is not None]
        self.state.answer_messages += 1
        return self.receipt(
            message.header.message_id,
            "accepted",
            "applied" if applied else "superseded",
            incident_reference=incident.reference,
            originating_agency=incident.originating_agency,
            receiver_reference=incident.reference,
            applied_version=held[0],
        )

    def signed_by_peer(self, request: Request, body: bytes) -> bool:
        if not self.config.secret:
            return True
        return is_valid(
            self.config.secret.encode(),
            request.headers.get(AGENCY_HEADER, ""),
            request.headers.get(TIMESTAMP_HEADER, ""),
            request.headers.get(SIGNATURE_HEADER, ""),
            body,
        )

    async def receive(self, request: Request) -> Response:
        self.state.posts += 1
        body = await request.body()
        if not self.signed_by_peer(request, body):
            return JSONResponse({"error": "signature not valid"}, 401)
        kind = self.fault(RECEIVE_FAULTS)
        if kind == "refusal":
            return JSONResponse({"error": "unavailable"}, 503, headers={"Retry-After": "1"})
        if kind == "busy":
            return JSONResponse({"error": "busy, try later"}, 429)
        try:
            receipt = self.take(body)
        except m.MessageError as exc:
            message_id = m.message_id_of(body)
            if message_id is None:
                return JSONResponse({"error": exc.reason}, 400)
            return Response(
                self.receipt(message_id, "rejected", exc.code, exc.reason), 400, media_type=XML
            )
        if kind == "timeout":
            await asyncio.sleep(self.config.hang_seconds)
        if kind == "error_after":
            return JSONResponse({"error": "internal error"}, 500)
        return Response(receipt, 200, media_type=XML)

    # --- sending ------------------------------------------------------------------------------

    def versions_of(self, number: int) -> list[bytes]:
        """Every message for one of our incidents, oldest first."""
        reference = f"{self.config.agency_code}/{uuid.UUID(int=self.rng.getrandbits(128)).hex[:12]}"
        self.state.references.append(reference)
        opened = dt.datetime.now(dt.UTC).replace(microsecond=0)
        remarks: list[m.Remark] = []
        bodies = []
        total = 1 + self.config.updates + (1 if self.config.close else 0)
        for version in range(1, total + 1):
            kind: m.MessageType = "create" if version == 1 else "update"
            closed = self.config.close and version == total
            if closed:
                kind = "close"
            remarks.append(
                m.Remark(
                    version, opened, "Fire control", f"Message {version} about incident {number}"
                )
            )
            incident = m.Incident(
                reference=reference,
                originating_agency=self.config.agency_code,
                version=version,
                opened_at=opened,
                type_code="RTC",
                type_description="Road traffic collision",
                priority=1 if number % 3 else 2,
                summary=f"Road traffic collision {number}: police needed for traffic control",
                location=m.Location(
                    "A38 Bristol Road southbound near the junction with Priory Road",
                    address="Bristol Road, Birmingham",
                    postcode="B5 7SA",
                    latitude=Decimal("52.4590"),
                    longitude=Decimal("-1.9190"),
                ),
                remarks=tuple(remarks),
                closed_at=opened if closed else None,
                closing_code="Resolved" if closed else None,
            )
            header = m.Header.new(sender=self.config.agency_code, recipient=self.config.peer_code)
            bodies.append(m.build_incident_message(m.IncidentMessage(header, kind, incident)))
        return bodies

    async def deliver(self, client: httpx.AsyncClient, body: bytes) -> None:
        """Send one message until a receipt comes back (the partner may be down for a while)."""
        message_id = m.parse_incident_message(body).header.message_id
        while True:
            self.state.send_attempts += 1
            headers = signed_headers(self.config.secret.encode(), self.config.agency_code, body)
            try:
                response = await client.post(self.config.target_url, content=body, headers=headers)
                if response.status_code < 500 and response.status_code != 429:
                    ack = m.parse_acknowledgement(response.content)
                    self.state.acknowledged[message_id] = f"{ack.outcome}:{ack.reason_code}"
                    self.state.sent_messages += 1
                    return
                self._note_failure(message_id, f"{response.status_code} {response.text[:300]}")
            except (httpx.HTTPError, m.MessageError) as exc:
                self._note_failure(message_id, f"{type(exc).__name__}: {exc}")
            await asyncio.sleep(self.config.retry_delay)

    def _note_failure(self, message_id: str, what: str) -> None:
        # The first failure of each kind is a warning (the log shows why sending stalls);
        # the rest, expected under fault injection, only at info.
        kind = what.split(" ", 1)[0]
        first = kind not in self.state.failures
        self.state.failures[kind] = self.state.failures.get(kind, 0) + 1
        log.log(
            logging.WARNING if first else logging.INFO,
            "sending %s failed (%s); trying again",
            message_id,
            what,
        )

    async def send_incident(self, client: httpx.AsyncClient, number: int) -> None:
        bodies = self.versions_of(number)
        kind = self.fault(SEND_FAULTS)
        if kind == "out_of_order":
            bodies.reverse()
        if kind == "duplicate":
            bodies.insert(self.rng.randrange(len(bodies)), self.rng.choice(bodies))
        for body in bodies:
            await self.deliver(client, body)
        self.state.sent_incidents += 1

    async def send(self, count: int) -> None:
        self.state.sending += count
        limit = asyncio.Semaphore(self.config.concurrency)
        timeout = httpx.Timeout(self.config.send_timeout)
        async with httpx.AsyncClient(timeout=timeout, transport=self.config.transport) as client:

            async def one(number: int) -> None:
                async with limit:
                    await self.send_incident(client, number)

            start = len(self.state.references)
            await asyncio.gather(*(one(start + n + 1) for n in range(count)))
        self.state.sending -= count

    def start_sending(self, count: int) -> None:
        task = asyncio.create_task(self.send(count))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    def stats(self) -> dict[str, Any]:
        incidents = list(self.state.incidents.values())
        outcomes: dict[str, int] = {}
        for outcome in self.state.acknowledged.values():
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
        return {
            "agency_code": self.config.agency_code,
            "posts": self.state.posts,
            "repeats": self.state.repeats,
            "faults": self.state.faults,
            "received_incidents": len(incidents),
            "received_creations": sum(i.creations for i in incidents),
            "received_messages": sum(i.messages for i in incidents),
            "received": {f"{i.agency}|{i.reference}": [i.version, i.closed] for i in incidents},
            "sent_incidents": self.state.sent_incidents,
            "sent_messages": self.state.sent_messages,
            "send_attempts": self.state.send_attempts,
            "send_failures": self.state.failures,
            "sending": self.state.sending,
            "sent_references": list(self.state.references),
            "receipts": outcomes,
            "answers": dict(self.state.answers),
            "answer_messages": self.state.answer_messages,
        }


def create_simulator_app(config: SimulatorConfig) -> FastAPI:
    simulator = Simulator(config)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if config.send_at_start:
            simulator.start_sending(config.send_at_start)
        yield

    app = FastAPI(
        title="Partner control room simulator", docs_url=None, redoc_url=None, lifespan=lifespan
    )
    app.state.simulator = simulator

    @app.post("/incident-exchange/messages")
    async def receive(request: Request) -> Response:
        return await simulator.receive(request)

    @app.post("/sim/send")
    async def send(request: Request) -> JSONResponse:
        count = int((await request.json()).get("count", 1))
        if not config.target_url or not 1 <= count <= 100_000:
            return JSONResponse({"error": "needs --target-url and 1 <= count <= 100000"}, 400)
        simulator.start_sending(count)
        return JSONResponse({"sending": count}, 202)

    @app.get("/sim/stats")
    async def stats() -> dict[str, Any]:
        return simulator.stats()

    return app
