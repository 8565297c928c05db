"""Health, readiness, metrics, request IDs, logs and error pages."""

from __future__ import annotations

import json
import logging

from fastapi.testclient import TestClient

from synergy.app import create_app
from synergy.core.db import make_engine
from synergy.core.observability import configure_logging


def test_health_and_readiness(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ready"}


def test_readiness_fails_on_an_unmigrated_database(settings, tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    app = create_app(settings, engine=engine, check_schema=False)
    with TestClient(app) as client:
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["detail"] == "database not migrated"


def test_metrics_count_requests_by_route_template(client: TestClient) -> None:
    client.get("/healthz")
    client.get("/no-such-page")
    # TestClient's address is "testclient", which is not a monitoring address
    assert client.get("/metrics").status_code == 403


def test_metrics_are_served_to_allowed_addresses(settings, engine) -> None:
    app = create_app(settings.model_copy(update={"metrics_allow": "0.0.0.0/0"}), engine=engine)
    with TestClient(app, client=("127.0.0.1", 5000)) as client:
        client.get("/healthz")
        body = client.get("/metrics").text
    assert 'synergy_http_requests_total{method="GET",route="/healthz",status="200"} 1.0' in body


def test_request_id_is_returned_and_a_sane_one_is_kept(client: TestClient) -> None:
    generated = client.get("/healthz").headers["x-request-id"]
    assert len(generated) == 32
    kept = client.get("/healthz", headers={"X-Request-ID": "abc-123"}).headers["x-request-id"]
    assert kept == "abc-123"
    replaced = client.get("/healthz", headers={"X-Request-ID": "<script>"}).headers["x-request-id"]
    assert replaced != "<script>"


def test_json_logs_carry_the_request_id(settings, engine, capsys) -> None:
    app = create_app(settings.model_copy(update={"log_format": "json"}), engine=engine)
    with TestClient(app) as client:
        client.get("/healthz", headers={"X-Request-ID": "trace-me"})
    lines = [
        json.loads(line) for line in capsys.readouterr().err.splitlines() if line.startswith("{")
    ]
    access = [line for line in lines if line.get("name") == "synergy.access"]
    assert access and access[-1]["request_id"] == "trace-me"
    configure_logging(settings)
    logging.getLogger().handlers.clear()


def test_unknown_page_gets_a_govuk_404_page(client: TestClient) -> None:
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in response.text


def test_unknown_api_path_gets_json_404(client: TestClient) -> None:
    response = client.get("/api/no-such-thing")
    assert response.status_code == 404
    assert response.json()["error"] == "Page not found"


def test_api_reference_lists_endpoints_and_who_may_use_them(client: TestClient) -> None:
    page = client.get("/api-reference")
    assert page.status_code == 200
    assert "/api/openapi.json" in page.text
    spec = client.get("/api/openapi.json").json()
    assert spec["info"]["title"] == "Synergy"


def test_statements_are_public(client: TestClient) -> None:
    assert client.get("/accessibility").status_code == 200
    assert client.get("/privacy").status_code == 200
