"""Document readers and ingest: formats, front matter, bad files, idempotency, a transaction per document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from brinkwatch.ingest import documents
from brinkwatch.ingest.documents import Problem, ingest_paths, read_documents
from brinkwatch.records import Actor, AnyRecord, Event
from brinkwatch.store import Store, sha256_text

HTML = """<!DOCTYPE html><html><head><title>Strike near the border</title>
<meta property="article:published_time" content="2020-01-08"></head>
<body><nav>Home | World | Sport</nav>
<article><h1>Strike near the border</h1>
<p>Missiles struck two bases that host American troops in western Iraq early on Wednesday morning,
officials said, in what was described as a response to an earlier killing.</p>
<p>No casualties were reported at first, and commanders said that damage to the runways was being
assessed by engineers while aircraft were moved to other fields as a precaution.</p>
</article><footer>Copyright notice and links to other pages</footer></body></html>"""


def _read(paths: list[Path]) -> tuple[list[documents.SourceText], list[Problem]]:
    problems: list[Problem] = []
    return list(read_documents(paths, problems.append)), problems


def test_text_and_markdown_with_front_matter(tmp_path: Path) -> None:
    (tmp_path / "Field Report 01.txt").write_text("Militia rockets hit the base.\n", encoding="utf-8")
    (tmp_path / "brief.md").write_text(
        "---\ntitle: Weekly brief\npublished: 2020-01-03\nurl: https://example.org/brief\n"
        "sources: [wire, ministry]\n---\n# Weekly brief\nTalks resumed.\n",
        encoding="utf-8",
    )
    found, problems = _read([tmp_path])
    assert problems == []
    report, brief = found  # folders are read in sorted path order ("F" before "b")
    assert report.document.id == "field-report-01" and report.text == "Militia rockets hit the base.\n"
    assert report.document.sha256 == sha256_text(report.text)
    assert brief.document.id == "brief"
    assert (brief.document.title, brief.document.published, brief.document.url) == (
        "Weekly brief",
        "2020-01-03",
        "https://example.org/brief",
    )
    assert brief.document.model_extra == {"sources": ["wire", "ministry"]}
    assert brief.text == "# Weekly brief\nTalks resumed.\n"  # the front matter is not part of the text


def test_html_main_text_without_boilerplate(tmp_path: Path) -> None:
    (tmp_path / "strike.html").write_text(HTML, encoding="utf-8")
    (source,), problems = _read([tmp_path / "strike.html"])
    assert problems == []
    assert "Missiles struck two bases" in source.text
    assert "Copyright notice" not in source.text and "Home | World" not in source.text
    assert source.document.title == "Strike near the border"
    assert source.document.published == "2020-01-08"


def test_jsonl_documents_and_bad_lines_located(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "w1", "title": "One", "text": "First text.", "published": "2019-12"}),
        "{not json",
        json.dumps({"id": "w3", "title": "No text"}),
        json.dumps({"id": "w4", "text": "Bad date.", "published": "2019-13"}),
        "",
        json.dumps({"text": "No id given."}),
        json.dumps({"id": "w7", "text": "   "}),
    ]
    path = tmp_path / "wire.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found, problems = _read([path])
    assert [s.document.id for s in found] == ["w1", "wire-6"]
    assert found[0].document.published == "2019-12"
    assert [(p.level, p.where) for p in problems] == [
        ("error", f"{path}:2"),
        ("error", f"{path}:3"),
        ("error", f"{path}:4"),
        ("skipped", f"{path}:7"),
    ]
    assert "not valid JSON" in problems[0].message
    assert "field 'text'" in problems[1].message
    assert "field 'published'" in problems[2].message


def test_invalid_utf8_is_repaired_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Ca\xe9d: the party office was closed.\n".encode("latin-1"))
    (source,), problems = _read([path])
    assert source.text.startswith("Ca\ufffdd: the party")
    (problem,) = problems
    assert problem.level == "warning" and problem.where == str(path)
    assert "not valid UTF-8" in problem.message and "offset 2" in problem.message


def test_unsupported_oversized_and_empty_files_do_not_stop_the_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "b.txt").write_text("", encoding="utf-8")
    (tmp_path / "c.txt").write_text("x" * 200, encoding="utf-8")
    (tmp_path / "d.md").write_text("---\ntitle: only front matter\n---\n\n", encoding="utf-8")
    (tmp_path / "e.txt").write_text("A good document.", encoding="utf-8")
    monkeypatch.setattr(documents, "MAX_BYTES", 100)
    names = ["a.pdf", "b.txt", "c.txt", "d.md", "e.txt", "missing.txt"]
    found, problems = _read([tmp_path / n for n in names])
    assert [s.document.id for s in found] == ["e"]
    by_file = {Path(p.where).name: p for p in problems}
    assert by_file["a.pdf"].level == "error" and "unsupported file type '.pdf'" in by_file["a.pdf"].message
    assert by_file["b.txt"].level == "skipped" and "empty" in by_file["b.txt"].message
    assert by_file["c.txt"].level == "error" and "limit is" in by_file["c.txt"].message
    assert by_file["d.md"].level == "skipped"
    assert by_file["missing.txt"].message == "no such file"


def test_folder_ignores_other_file_types(tmp_path: Path) -> None:
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "kept.txt").write_text("kept", encoding="utf-8")
    found, problems = _read([tmp_path])
    assert [s.document.id for s in found] == ["kept"] and problems == []


def test_folder_skips_its_readme_but_an_explicit_readme_is_read(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("What this corpus holds.", encoding="utf-8")
    (tmp_path / "report.md").write_text("A report.", encoding="utf-8")
    found, _ = _read([tmp_path])
    assert [s.document.id for s in found] == ["report"]
    found, _ = _read([tmp_path / "README.md"])
    assert [s.document.id for s in found] == ["readme"]


def test_bad_front_matter_is_an_error_for_that_file(tmp_path: Path) -> None:
    (tmp_path / "open.md").write_text("---\ntitle: never closed\nText.\n", encoding="utf-8")
    (tmp_path / "date.md").write_text("---\npublished: sometime\n---\nText.\n", encoding="utf-8")
    found, problems = _read([tmp_path])
    assert found == []
    messages = {Path(p.where).name: p.message for p in problems}
    assert "never closed" in messages["open.md"]
    assert "field 'published'" in messages["date.md"]


class TextSkipped(ValueError):
    """Same name as the extractor's own "not a text I read" error."""


class FakeExtractor:
    """Stands in for brinkwatch.nlp.Extractor: records that depend on the text, with document provenance."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def extract(
        self, text: str, *, doc_id: str, title: str = "", published: str | None = None
    ) -> list[AnyRecord]:
        self.calls.append(doc_id)
        if "Bonjour" in text:
            raise TextSkipped("not English")
        if "unknown" in text:
            return [Event(id=f"{doc_id}-e", type="ASSAULT", source=["nobody-known"])]
        start = text.index("rockets")
        return [
            Actor(id="kataib-hezbollah", name="Kata'ib Hezbollah", type="armed_group"),
            Event(
                id=f"{doc_id}-e",
                type="ASSAULT",
                source=["kataib-hezbollah"],
                date=published,
                provenance=[{"document": doc_id, "start": start, "end": start + 7}],
            ),
        ]


def test_ingest_stores_documents_with_their_records_and_is_idempotent(store: Store, tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("Kata'ib Hezbollah fired rockets at the base.", encoding="utf-8")
    (tmp_path / "two.txt").write_text("An unknown group fired rockets.", encoding="utf-8")
    (tmp_path / "three.txt").write_text("More rockets overnight.", encoding="utf-8")
    (tmp_path / "x-french.txt").write_text("Bonjour tout le monde.", encoding="utf-8")
    extractor = FakeExtractor()
    report = ingest_paths(store, [tmp_path], extractor, progress=False, published="2020-01")
    assert report.added == ["one", "three"]
    (error,) = report.errors
    assert error.where.endswith("two.txt") and "unknown actor 'nobody-known'" in error.message
    (skip,) = [p for p in report.problems if p.level == "skipped"]
    assert skip.where.endswith("x-french.txt") and "not English" in skip.message
    assert [d.id for d in store.documents()] == ["one", "three"]  # 'two' and its records left out entirely
    assert [d.published for d in store.documents()] == ["2020-01", "2020-01"]
    assert [p.text for p in store.provenance("one-e")] == ["rockets"]
    assert report.extracted == {"actor": 2, "event": 2}

    again = ingest_paths(store, [tmp_path / "one.txt", tmp_path / "three.txt"], extractor, progress=False)
    assert again.added == [] and again.already_stored == ["one", "three"]
    assert extractor.calls.count("one") == 1  # a known text is not extracted again


def test_ingest_without_extractor_stores_documents_only(store: Store, tmp_path: Path) -> None:
    (tmp_path / "doc.md").write_text("---\ntitle: T\n---\nBody text.\n", encoding="utf-8")
    report = ingest_paths(store, [tmp_path], None, progress=False)
    assert report.added == ["doc"]
    assert store.document_text("doc") == "Body text.\n"
    assert store.counts()["events"] == 0
