"""The ACRO gateway client: HTTPS + JSON, optional mutual TLS, an idempotency key per arrest.

`submit()` returns an `Acceptance`, or raises `GatewayUnavailable` (worth retrying: timeouts,
dropped connections, 429 and 5xx) or `GatewayRefused` (the message itself was refused; a
person must look at it).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from synergy.acro.settings import AcroSettings
from synergy.core.config import Settings

REQUESTS_PATH = "/v1/requests"
IDEMPOTENCY_HEADER = "Idempotency-Key"
FORCE_HEADER = "X-Requesting-Force"


class GatewayError(Exception):
    pass


class GatewayUnavailable(GatewayError):
    """The send may or may not have arrived; sending again with the same key is safe."""


class GatewayRefused(GatewayError):
    """ACRO refused the message; sending it again unchanged will not help."""


@dataclass(frozen=True)
class Acceptance:
    acro_reference: str
    repeated: bool


def http_client(settings: Settings) -> httpx.Client:
    """An httpx client with the configured timeouts, client certificate and CA bundle."""
    acro = settings.section(AcroSettings)
    verify: Any = True
    if acro.ca_bundle is not None:
        verify = _ssl_context(acro.ca_bundle, acro.client_cert, acro.client_key)
    elif acro.client_cert is not None:
        verify = _ssl_context(None, acro.client_cert, acro.client_key)
    timeout = httpx.Timeout(acro.timeout_seconds, connect=acro.timeout_seconds)
    return httpx.Client(base_url=acro.gateway_url, verify=verify, timeout=timeout)


def _ssl_context(ca: Path | None, cert: Path | None, key: Path | None) -> Any:
    import ssl

    context = ssl.create_default_context(cafile=str(ca) if ca else None)
    if cert is not None:
        context.load_cert_chain(str(cert), str(key) if key else None)
    return context


class AcroGateway:
    def __init__(self, client: httpx.Client, *, requesting_force: str) -> None:
        self.client = client
        self.requesting_force = requesting_force

    def submit(self, message: dict[str, Any], *, idempotency_key: str) -> Acceptance:
        headers = {IDEMPOTENCY_HEADER: idempotency_key, FORCE_HEADER: self.requesting_force}
        try:
            response = self.client.post(REQUESTS_PATH, json=message, headers=headers)
        except httpx.HTTPError as exc:  # timeouts, refused or dropped connections
            raise GatewayUnavailable(f"{type(exc).__name__}: {exc}") from exc
        if response.status_code == 429 or response.status_code >= 500:
            raise GatewayUnavailable(f"ACRO gateway answered {response.status_code}")
        if response.status_code >= 400:
            raise GatewayRefused(
                f"ACRO refused the request ({response.status_code}): {response.text[:500]}"
            )
        try:
            body = response.json()
            return Acceptance(str(body["acro_reference"]), bool(body.get("repeated", False)))
        except (ValueError, KeyError, TypeError) as exc:
            raise GatewayUnavailable(f"unreadable answer from the gateway: {exc}") from exc
