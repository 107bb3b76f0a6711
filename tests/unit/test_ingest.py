"""Ingest: every readable article becomes a Document; every unreadable file is reported by name."""

from __future__ import annotations

import json
from pathlib import Path

from kg.ingest import Skipped, doc_id_for, read_documents

ARTICLE = "Ngày 3-5-2021, Bộ trưởng Quốc phòng Lê Văn An tiếp Đại sứ Pháp tại Hà Nội."


def _read(*paths: Path) -> tuple[list, list[Skipped]]:
    items = list(read_documents(paths))
    return [i for i in items if not isinstance(i, Skipped)], [
        i for i in items if isinstance(i, Skipped)
    ]


def test_bad_files_are_skipped_by_name_and_the_good_one_is_read(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "latin1.txt").write_bytes("Hội nghị à Paris".encode("latin-1", "replace"))
    docs, skipped = _read(tmp_path)
    assert [d.doc_id for d in docs] == ["good"]
    reasons = {Path(s.source).name: s.reason for s in skipped}
    assert reasons["empty.txt"] == "empty file"
    assert "binary" in reasons["binary.txt"]
    assert reasons["latin1.txt"].startswith("not valid UTF-8 (byte 9)")
    assert all("\n" not in str(s) for s in skipped)


def test_missing_path_is_reported(tmp_path: Path) -> None:
    _, skipped = _read(tmp_path / "nowhere.txt")
    assert skipped[0].reason == "no such file or folder"


def test_jsonl_reads_each_record_and_reports_malformed_lines(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": ARTICLE}, ensure_ascii=False),
        "{not json",
        json.dumps({"x": 1}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    docs, skipped = _read(path)
    assert [d.doc_id for d in docs] == ["a1"]
    assert docs[0].text == ARTICLE
    assert sorted(s.source.rsplit(":", 1)[1] for s in skipped) == ["2", "3"]


def test_html_article_body_is_extracted(tmp_path: Path) -> None:
    body = "".join(
        f"<p>{ARTICLE} Đoạn {n} nói về hợp tác quốc phòng giữa hai nước.</p>" for n in range(6)
    )
    page = f"<html><head><title>Tin</title></head><body><nav>Trang chủ | Thể thao</nav><article>{body}</article></body></html>"
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    docs, skipped = _read(tmp_path)
    assert not skipped
    assert "Lê Văn An" in docs[0].text
    assert "Trang chủ" not in docs[0].text


def test_sidecar_metadata_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(
        '{"published": "2021-05-04", "outlet": "X"}', encoding="utf-8"
    )
    docs, _ = _read(tmp_path)
    assert docs[0].published == "2021-05-04"


def test_doc_ids_are_safe() -> None:
    assert doc_id_for("bài viết/1?") == "b_i_vi_t_1"
    assert doc_id_for("///") == "document"


def test_windows_1258_vietnamese_is_decoded_and_latin_1_is_not() -> None:
    from cp1258 import windows_1258 as encode_1258

    from kg.ingest import windows_1258

    assert windows_1258(encode_1258(ARTICLE)) == ARTICLE
    for other in (
        "As negociações não avançaram; as informações serão publicadas amanhã.",
        "Les négociations à Genève ont été reportées à l'été prochain.",
        "Die Verhandlungen über die Grenzöffnung wurden verschoben.",
    ):
        assert windows_1258(other.encode("latin-1")) is None


def test_a_report_line_is_one_printable_line() -> None:
    line = str(Skipped("src/hai\ndòng\u2028\udce0.txt", "lỗi\r\nđọc"))
    assert line == "skipped src/hai\\ndòng\\u2028\\xe0.txt: lỗi\\r\\nđọc"
