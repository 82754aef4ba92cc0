"""Hostile and malformed input: markup in text, oversized bodies, bad tokens, bad parameters, unsafe binds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.conftest import TOKEN
from api.sample_store import load_sample
from brinkwatch.api import create_app
from brinkwatch.api.security import MAX_BODY_BYTES, UnsafeBindError, check_bind, is_loopback

PROBLEM_KEYS = {"type", "title", "status", "detail"}


def assert_problem(response: object, status: int) -> dict[str, object]:
    from httpx import Response

    assert isinstance(response, Response)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, object] = response.json()
    assert set(body) >= PROBLEM_KEYS and body["status"] == status
    return body


def test_security_headers_on_every_response(client: TestClient) -> None:
    for path in ("/api/health", "/", "/api/actors/nobody", "/api/events?since=yesterday"):
        response = client.get(path)
        assert response.headers["content-security-policy"].startswith("default-src 'self'")
        assert response.headers["x-content-type-options"] == "nosniff"


def test_without_a_dashboard_build_the_root_says_how_to_make_it(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200 and "make web" in response.text


def test_dashboard_is_served_when_built(sample_url: str, tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<!doctype html><title>dash</title>")
    (tmp_path / "app.js").write_text("console.log(1)")
    with TestClient(create_app(sample_url, static_dir=tmp_path)) as c:
        assert "<title>dash</title>" in c.get("/").text
        assert c.get("/app.js").text == "console.log(1)"
        assert c.get("/api/health").json()["status"] == "ok"


def test_openapi_documents_the_contract(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/health", "/api/graph", "/api/timeline", "/api/escalation", "/api/ingest",
                 "/api/attribution/{actor_or_event_id}", "/api/provenance/{record_id}"):
        assert path in paths
    assert client.get("/docs").status_code == 200


def test_markup_in_source_text_stays_a_json_string(client: TestClient) -> None:
    response = client.get("/api/provenance/ev-accuse")
    assert response.headers["content-type"] == "application/json"
    [source] = response.json()["sources"]
    assert source["text"].startswith("<script>alert('pwned')</script>")
    assert response.json()["sources"][0]["title"] == "Rockets hit K-1 <b>base</b>"
    named = client.get("/api/actors/evil-group").json()["actor"]["name"]
    assert named == "<img src=x onerror=alert(1)> Brigade"


@pytest.mark.parametrize(("path", "status", "kind"), [
    ("/api/events?since=2020-13", 400, "bad-date"),
    ("/api/events?until=yesterday", 400, "bad-date"),
    ("/api/events?since=2021&until=2020", 400, "bad-range"),
    ("/api/relations?at=20200101", 400, "bad-date"),
    ("/api/graph?at=2020-02-30", 400, "bad-date"),
    ("/api/events?limit=-1", 422, "invalid-parameter"),
    ("/api/events?limit=0", 422, "invalid-parameter"),
    ("/api/events?limit=100000", 422, "invalid-parameter"),
    ("/api/events?offset=-5", 422, "invalid-parameter"),
    ("/api/events?limit=ten", 422, "invalid-parameter"),
    ("/api/events?type=BOMBING", 422, "invalid-parameter"),
    ("/api/actors?type=alien", 422, "invalid-parameter"),
    ("/api/graph?depth=-1", 422, "invalid-parameter"),
    ("/api/escalation?a=iran", 422, "invalid-parameter"),
    ("/api/escalation?a=iran&b=united-states&by=fortnight", 422, "invalid-parameter"),
    ("/api/search?q=", 422, "invalid-parameter"),
    ("/api/events?actor=nobody-at-all", 404, "unknown-actor"),
    ("/api/actors/nobody-at-all", 404, "unknown-actor"),
    ("/api/graph?actor=nobody-at-all", 404, "unknown-actor"),
    ("/api/escalation?a=iran&b=nobody", 404, "unknown-actor"),
    ("/api/provenance/no-such-record", 404, "unknown-record"),
    ("/api/attribution/no-such-thing", 404, "unknown-record"),
    ("/api/no-such-endpoint", 404, None),
])
def test_malformed_requests_are_problem_details(client: TestClient, path: str, status: int,
                                                kind: str | None) -> None:
    body = assert_problem(client.get(path), status)
    assert body["type"] == (f"urn:brinkwatch:problem:{kind}" if kind else "about:blank")
    assert isinstance(body["detail"], str) and body["detail"]


def test_bad_date_names_the_parameter(client: TestClient) -> None:
    body = assert_problem(client.get("/api/events", params={"since": "last week"}), 400)
    assert "'since'" in str(body["detail"]) and "YYYY" in str(body["detail"])


def test_ingest_needs_a_token(writable: TestClient) -> None:
    doc = {"title": "t", "text": "Iran armed the group."}
    missing = writable.post("/api/ingest", json=doc)
    assert_problem(missing, 401)
    assert missing.headers["www-authenticate"].startswith("Bearer")
    assert_problem(writable.post("/api/ingest", json=doc, headers={"Authorization": "Basic abc"}), 401)
    assert_problem(writable.post("/api/ingest", json=doc, headers={"Authorization": f"Bearer {TOKEN}x"}), 403)
    assert_problem(writable.post("/api/ingest", json=doc, headers={"Authorization": "Bearer "}), 401)


def test_read_only_server_refuses_ingest_even_with_a_token(client: TestClient) -> None:
    body = assert_problem(client.post("/api/ingest", json={"text": "x"},
                                      headers={"Authorization": f"Bearer {TOKEN}"}), 403)
    assert "read-only" in str(body["detail"])


def test_writable_app_without_token_makes_one(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    app = create_app(url, writable=True, static_dir=tmp_path)
    assert isinstance(app.state.token, str) and len(app.state.token) >= 24
    with TestClient(app) as c:
        assert_problem(c.post("/api/ingest", json={"text": "x"}), 401)


def test_oversized_body_is_413_before_reaching_the_handler(writable: TestClient) -> None:
    big = "x" * (MAX_BODY_BYTES + 10)
    response = writable.post("/api/ingest", content=f'{{"text": "{big}"}}',
                             headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    body = assert_problem(response, 413)
    assert str(MAX_BODY_BYTES) in str(body["detail"])
    assert writable.get("/api/health").json()["counts"]["documents"] == 2


def test_oversized_chunked_body_is_413(writable: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b"y" * 65536
        yield b'"}'

    response = writable.post("/api/ingest", content=chunks(),
                             headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    assert_problem(response, 413)


def test_malformed_ingest_bodies_are_422(writable: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    for body in ({"title": "no text"}, {"text": "   "}, {"text": "ok", "published": "March 2020"},
                 {"text": "ok", "html": "<b>extra</b>"}):
        assert_problem(writable.post("/api/ingest", json=body, headers=auth), 422)
    assert_problem(writable.post("/api/ingest", content=b"{not json", headers={**auth,
                                 "Content-Type": "application/json"}), 422)


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.8.9.10", True), ("::1", True), ("[::1]", True), ("localhost", True),
    ("0.0.0.0", False), ("192.168.1.20", False), ("::", False), ("example.org", False),
])
def test_loopback_detection(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_writable_on_the_network_needs_a_token() -> None:
    with pytest.raises(UnsafeBindError, match=r"0\.0\.0\.0"):
        check_bind("0.0.0.0", None, writable=True)
    check_bind("0.0.0.0", "tok", writable=True)
    check_bind("0.0.0.0", None, writable=False)
    check_bind("127.0.0.1", None, writable=True)


def test_unexpected_error_is_a_500_without_internals(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'e.db'}"
    load_sample(url)
    app = create_app(url, static_dir=tmp_path)

    @app.get("/api/boom")
    def boom() -> None:
        raise RuntimeError("secret internal detail")

    with TestClient(app, raise_server_exceptions=False) as c:
        body = assert_problem(c.get("/api/boom"), 500)
        assert "secret" not in str(body["detail"])
