"""The gateway client against the simulator as its own process, over HTTPS with mutual TLS."""

import pytest

from synergy.acro.gateway import AcroGateway, GatewayUnavailable, http_client
from synergy.acro.settings import AcroSettings
from tests.acro.certificates import make_pki
from tests.acro.processes import free_port, start_simulator, stop

MESSAGE = {
    "family_name": "Kowalski",
    "given_names": "Jan",
    "date_of_birth": "1990-03-27",
    "place_of_birth": "Gdansk",
    "nationalities": ["PL"],
    "offences": ["Theft"],
    "arrest_date": "2024-06-03",
    "custody_reference": "20/C/000001/24",
    "purpose": "criminal_proceedings",
    "requesting_force": "West Midlands Police",
    "requesting_officer": "PC 1",
}


@pytest.fixture
def tls_simulator(tmp_path):
    pki = make_pki(tmp_path)
    port = free_port()
    process = start_simulator(
        port,
        "--certfile",
        str(pki["server_cert"]),
        "--keyfile",
        str(pki["server_key"]),
        "--client-ca",
        str(pki["ca"]),
        log=tmp_path / "sim.log",
    )
    yield pki, f"https://127.0.0.1:{port}"
    stop(process)


def _gateway(settings, **values):
    section = settings.section(AcroSettings).model_copy(update={"timeout_seconds": 5.0, **values})
    configured = settings.with_sections(section)
    return AcroGateway(http_client(configured), requesting_force="West Midlands Police")


def test_gateway_sends_over_mutual_tls_and_a_resend_gets_the_same_reference(
    settings, tls_simulator
):
    pki, url = tls_simulator
    gateway = _gateway(
        settings,
        gateway_url=url,
        ca_bundle=pki["ca"],
        client_cert=pki["client_cert"],
        client_key=pki["client_key"],
    )
    first = gateway.submit(MESSAGE, idempotency_key="wmp-arrest-1")
    again = gateway.submit(MESSAGE, idempotency_key="wmp-arrest-1")
    assert first.acro_reference == again.acro_reference
    assert (first.repeated, again.repeated) == (False, True)
    gateway.client.close()


def test_without_a_client_certificate_the_gateway_refuses_the_connection(settings, tls_simulator):
    pki, url = tls_simulator
    gateway = _gateway(settings, gateway_url=url, ca_bundle=pki["ca"])
    with pytest.raises(GatewayUnavailable):
        gateway.submit(MESSAGE, idempotency_key="wmp-arrest-2")
    gateway.client.close()


def test_a_gateway_with_an_unknown_certificate_is_not_trusted(settings, tls_simulator):
    pki, url = tls_simulator
    gateway = _gateway(
        settings,
        gateway_url=url,
        client_cert=pki["client_cert"],
        client_key=pki["client_key"],
    )
    with pytest.raises(GatewayUnavailable, match="CERTIFICATE_VERIFY_FAILED"):
        gateway.submit(MESSAGE, idempotency_key="wmp-arrest-3")
    gateway.client.close()
