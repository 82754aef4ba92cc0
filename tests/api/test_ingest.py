"""POST /api/ingest with the real extractor: stored once, with its records, and readable back."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.conftest import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
TEXT = ("On 3 January 2020 an American drone strike near Baghdad airport killed Qasem Soleimani, "
        "the commander of the Quds Force. <script>alert(1)</script> Iran vowed revenge.")


def test_ingest_stores_the_text_and_what_was_extracted(writable: TestClient) -> None:
    before = writable.get("/api/health").json()["counts"]
    doc = {"title": "<i>Strike</i> at the airport", "text": TEXT, "published": "2020-01-04"}
    response = writable.post("/api/ingest", headers=AUTH, json=doc)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["created"] is True and body["document"].startswith("i-strike-i-at-the-airport-")
    after = writable.get("/api/health").json()["counts"]
    assert after["documents"] == before["documents"] + 1
    assert sum(body["records"].values()) >= 1
    for kind in ("relation", "event"):
        assert after[f"{kind}s"] - before[f"{kind}s"] <= body["records"].get(kind, 0)
    found = writable.get("/api/search", params={"q": "Strike"}).json()["documents"]
    assert [d["id"] for d in found] == [body["document"]]
    assert found[0]["title"] == "<i>Strike</i> at the airport" and found[0]["published"] == "2020-01-04"


def test_the_same_text_twice_is_stored_once(writable: TestClient) -> None:
    first = writable.post("/api/ingest", headers=AUTH, json={"text": TEXT}).json()
    second = writable.post("/api/ingest", headers=AUTH, json={"title": "again", "text": TEXT}).json()
    assert second == {"document": first["document"], "created": False, "records": {}}
