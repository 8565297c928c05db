"""Sending one message to a partner control room and reading its receipt.

`send()` returns the partner's `Acknowledgement` (accepted or rejected), or raises
`PartnerUnavailable` when the outcome is unknown or the partner refused to take the message
for now: timeouts, dropped connections, 429 and 5xx, an answer that is not a valid receipt for
this message. Sending again with the same message id is always safe: partners answer a
repeated message id with the receipt they gave the first time.
"""

from __future__ import annotations

import httpx

from synergy.cad.partner.messages import Acknowledgement, MessageError, parse_acknowledgement
from synergy.cad.partner.settings import Partner
from synergy.cad.partner.signatures import signed_headers


class PartnerUnavailable(Exception):
    """The message may or may not have arrived; send it again later, unchanged."""


class PartnerClient:
    def __init__(self, client: httpx.Client, *, agency_code: str) -> None:
        self.client = client
        self.agency_code = agency_code

    @classmethod
    def over_network(cls, *, agency_code: str, timeout_seconds: float) -> PartnerClient:
        timeout = httpx.Timeout(timeout_seconds, connect=timeout_seconds)
        return cls(httpx.Client(timeout=timeout), agency_code=agency_code)

    def send(self, partner: Partner, body: bytes, *, message_id: str) -> Acknowledgement:
        headers = signed_headers(partner.secret_bytes(), self.agency_code, body)
        try:
            response = self.client.post(partner.url, content=body, headers=headers)
        except httpx.HTTPError as exc:
            raise PartnerUnavailable(f"{type(exc).__name__}: {exc}") from exc
        if response.status_code == 429 or response.status_code >= 500:
            raise PartnerUnavailable(f"{partner.code} answered {response.status_code}")
        try:
            ack = parse_acknowledgement(response.content)
        except MessageError as exc:
            raise PartnerUnavailable(
                f"{partner.code} answered {response.status_code} without a valid receipt: "
                f"{exc.reason[:300]}"
            ) from exc
        if ack.in_reply_to != message_id:
            raise PartnerUnavailable(f"{partner.code} answered about another message")
        return ack

    def close(self) -> None:
        self.client.close()
