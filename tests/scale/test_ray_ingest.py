"""Ingest on a local Ray: the same store as the one-process path, work spread over workers, resumable.

A real Ray is started (two CPUs, as on CI) and real spaCy pipelines run in its
workers. The kill test runs the real CLI in a child process, kills it with
SIGKILL while documents are being written, runs it again and checks that every
document and every record is stored exactly once.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ray = pytest.importorskip("ray")

from brinkwatch.ingest.documents import ingest_paths  # noqa: E402
from brinkwatch.nlp import Extractor  # noqa: E402
from brinkwatch.scale.ray_ingest import ExtractionWorker, RayOptions, ingest_on_ray  # noqa: E402
from brinkwatch.store import Store  # noqa: E402

TEXTS = {
    "a.txt": "On 4 March 2019, rebels of the Northern Front attacked an army post in Gao, "
    "killing three soldiers. "
    "The government of Mali condemned the attack.",
    "b.txt": "The United States imposed sanctions on the Northern Front on 12 May 2019. "
    "Algeria offered to mediate between Mali and the rebels.",
    "c.txt": "Iran-backed militias fired rockets at a base near Erbil on 15 February 2021. "
    "The Iraqi government condemned the attack the next day.",
    "d.txt": "Turkish forces shelled positions of the Syrian Democratic Forces near Kobani "
    "on 9 October 2019.",
}


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    """One local Ray with two CPUs for the whole module (starting Ray costs seconds)."""
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        yield
    finally:
        ray.shutdown()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _snapshot(store: Store) -> tuple[dict[str, int], set[tuple[str, str]]]:
    events = {(e.type, e.date or "") for e in store.events()}
    return store.counts(), events


def test_ray_ingest_stores_what_the_local_path_stores(
    local_ray: None, corpus: Path, db_url: str, tmp_path: Path
) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'local.db'}") as local:
        ingest_paths(local, [corpus], Extractor(), progress=False)
        expected = _snapshot(local)
    with Store.open(db_url) as store:
        report = ingest_on_ray(store, [corpus], RayOptions(workers=2, batch_chars=100))
        assert sorted(report.added) == ["a", "b", "c", "d"]
        assert _snapshot(store) == expected
        assert expected[0]["events"] > 0
        again = ingest_on_ray(store, [corpus], RayOptions(workers=2))
        assert again.added == [] and sorted(again.already_stored) == ["a", "b", "c", "d"]
        assert _snapshot(store) == expected


def test_each_worker_is_its_own_process_with_its_own_pipeline(local_ray: None) -> None:
    remote = ray.remote(num_cpus=1)(ExtractionWorker)
    workers = [remote.remote(None) for _ in range(2)]  # type: ignore[attr-defined]
    pids = set(ray.get([w.pid.remote() for w in workers]))
    assert len(pids) == 2 and os.getpid() not in pids
    (result,) = ray.get(workers[0].extract.remote([(TEXTS["d.txt"], {"doc_id": "d", "published": None})]))
    assert result.doc_id == "d" and any(r.kind == "event" for r in result.records)
    (skipped,) = ray.get(workers[1].extract.remote([("\x00\x01\x02", {"doc_id": "bin", "published": None})]))
    assert skipped.records == [] and skipped.skipped
    for worker in workers:
        ray.kill(worker)


def _cli(*args: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-c", "from brinkwatch.cli import main; main()", *args]
    # its own process group, so the kill takes the driver and the Ray it started, as a kill of the job would
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )


def test_killed_ray_ingest_rerun_stores_every_record_once(corpus: Path, tmp_path: Path) -> None:
    # enough documents that the kill lands mid-run: copies with a varying sentence (distinct sha256)
    big = tmp_path / "big"
    big.mkdir()
    for n in range(40):
        for name, text in TEXTS.items():
            (big / f"{n:02d}{name}").write_text(f"{text} Report number {n} followed.", encoding="utf-8")
    reference = tmp_path / "reference.db"
    with Store.open(f"sqlite:///{reference}") as ref:
        ingest_paths(ref, [big], Extractor(), progress=False)
        expected = ref.counts()
    url = f"sqlite:///{tmp_path / 'killed.db'}"
    child = _cli("ingest", str(big), "--engine", "ray", "--workers", "2", "--db", url)
    deadline = time.monotonic() + 240
    stored = 0
    while time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.5)
        if (tmp_path / "killed.db").exists():
            try:
                with Store.open(url) as store:
                    stored = store.counts()["documents"]
            except Exception:  # the schema may not be there yet
                stored = 0
            if stored >= 8:
                break
    assert child.poll() is None, f"the ingest ended before it could be killed: {child.communicate()}"
    os.killpg(child.pid, signal.SIGKILL)
    child.wait(30)
    with Store.open(url) as store:
        partial = store.counts()["documents"]
    assert 8 <= partial < expected["documents"]
    rerun = _cli("ingest", str(big), "--engine", "ray", "--workers", "2", "--db", url)
    _, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    with Store.open(url) as store:
        assert store.counts() == expected
    shutil.rmtree(big)
