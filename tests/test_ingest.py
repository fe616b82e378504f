from __future__ import annotations

import gzip
import json
import uuid
from pathlib import Path

import pytest

from newsfuse.errors import BadRecord, EmptyInput, InputNotFound, NewsfuseError
from newsfuse.ingest import iter_articles, make_article


def _collect(paths, **kw):
    errors: list[NewsfuseError] = []
    arts = list(iter_articles([str(p) for p in paths], on_error=errors.append, **kw))
    return arts, errors


def test_text_header_date_and_offsets(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(" date 2025-08-21 New Delhi: Talks were held on Thursday.", encoding="utf-8")
    [a], errors = _collect([p])
    assert not errors
    assert a.published == "2025-08-21"
    assert a.text.startswith("New Delhi:")
    s, e = a.to_original(0, 10)
    assert a.original[s:e] == "New Delhi:"


def test_text_without_header_crlf_and_bom(tmp_path: Path) -> None:
    p = tmp_path / "b.txt"
    p.write_bytes("\ufeffLine one.\r\nLine two.\r\n".encode())
    [a], _ = _collect([p])
    assert a.published is None
    assert a.text == "Line one.\nLine two."


def test_jsonl_with_field_mapping_and_bad_lines(tmp_path: Path) -> None:
    p = tmp_path / "d.jsonl"
    rows = [
        json.dumps(
            {"id": "x1", "body": "Some article text about ports.", "date": "2025-03-04", "source": "A"}
        ),
        "{not json",
        json.dumps({"id": "x2", "title": "no text"}),
        json.dumps({"id": "x3", "body": "Another text.", "source": "B"}),
    ]
    p.write_text("\n".join(rows) + "\n")
    arts, errors = _collect([p], mapping={"text": "body"})
    assert [a.id for a in arts] == ["x1", "x3"]
    assert arts[0].published == "2025-03-04" and arts[0].source == "A"
    assert len(errors) == 2 and all(isinstance(e, BadRecord) for e in errors)
    assert "d.jsonl:2" in errors[0].message


def test_csv(tmp_path: Path) -> None:
    p = tmp_path / "d.csv"
    p.write_text("id,text,published,authors\n1,Body of the first.,2025-01-02,A One; B Two\n2,,2025-01-02,\n")
    arts, errors = _collect([p])
    assert [a.id for a in arts] == ["1"] and arts[0].authors == ("A One", "B Two")
    assert len(errors) == 1


def test_rss_feed_full_content_and_summary(tmp_path: Path) -> None:
    p = tmp_path / "f.xml"
    p.write_text(
        """<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Coastal Wire</title><link>https://example.org</link><description>x</description>
<item><title>Port strike ends</title><link>https://example.org/1</link><dc:creator>Ann Lee</dc:creator>
<pubDate>Tue, 04 Mar 2025 10:00:00 GMT</pubDate><description>Short.</description>
<content:encoded><![CDATA[<p>The strike ended on Monday.</p><p>Ships moved again &amp; cargo flowed.</p>]]></content:encoded></item>
<item><title>Only a summary</title><link>https://example.org/2</link><description>Just the summary text here.</description></item>
</channel></rss>"""
    )
    arts, errors = _collect([p])
    assert not errors
    assert arts[0].title == "Port strike ends" and arts[0].source == "Coastal Wire"
    assert arts[0].published == "2025-03-04" and arts[0].authors == ("Ann Lee",)
    assert arts[0].text == "The strike ended on Monday.\n\nShips moved again & cargo flowed."
    assert arts[1].text == "Just the summary text here."


def test_broken_feed_is_a_coded_error(tmp_path: Path) -> None:
    p = tmp_path / "bad.rss"
    p.write_text("<rss><channel><item><title>x</titl")
    arts, errors = _collect([p])
    assert arts == [] and errors and errors[0].code == EmptyInput.code


def test_directory_batch_goes_on_after_bad_files(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("date 2025-01-01 A fine article body.")
    (tmp_path / "empty.txt").write_text("   ")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "trunc.jsonl.gz").write_bytes(gzip.compress(b'{"text": "x"}\n')[:-8])
    arts, errors = _collect([tmp_path])
    # records read before the truncation point are kept; the truncation itself is reported
    assert [a.text for a in arts if a.origin.endswith("good.txt")] == ["A fine article body."]
    assert sorted(Path(str(e.path)).name for e in errors) == ["binary.txt", "empty.txt", "trunc.jsonl.gz"]
    assert errors and all(e.path for e in errors)


def test_missing_input_raises() -> None:
    with pytest.raises(InputNotFound):
        list(iter_articles(["/nonexistent/nowhere.txt"]))


def test_ids_are_content_hashes() -> None:
    a = make_article("Same text.")
    b = make_article("  Same   text. ")
    assert a.id == b.id and len(a.id) == 16


def _warc_response(uri: str, ctype: str, body: bytes) -> bytes:
    """One gzipped WARC response record, written by hand (as CC-NEWS files hold them)."""
    http = f"HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
        f"WARC-Target-URI: {uri}\r\nWARC-Date: 2025-03-04T00:00:00Z\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
    ).encode()
    return gzip.compress(head + http + b"\r\n\r\n")


def test_warc_html_responses_only(tmp_path: Path) -> None:
    p = tmp_path / "x.warc.gz"
    html = (
        "<html><head><title>Storm hits coast</title></head><body><article>"
        + "".join(
            f"<p>The storm cut power to {i} thousand homes on the coast, officials said on Monday.</p>"
            for i in range(8)
        )
        + "</article></body></html>"
    ).encode()
    p.write_bytes(
        _warc_response("https://example.org/a", "text/html; charset=utf-8", html)
        + _warc_response("https://example.org/b.png", "image/png", b"\x89PNG....")
    )
    arts, errors = _collect([p])
    assert len(arts) == 1 and "storm cut power" in arts[0].text
    assert arts[0].url == "https://example.org/a"
    assert len(errors) == 1 and "image/png" in errors[0].message


def test_truncated_warc_keeps_earlier_records(tmp_path: Path) -> None:
    body = (
        b"<html><body><article>"
        + b"<p>Rain flooded the valley overnight and hundreds were moved to shelters.</p>" * 6
        + b"</article></body></html>"
    )
    good = _warc_response("https://example.org/1", "text/html", body)
    p = tmp_path / "t.warc.gz"
    p.write_bytes(good + _warc_response("https://example.org/2", "text/html", body)[:40])
    arts, errors = _collect([p])
    assert len(arts) == 1 and errors and errors[0].path == str(p)


def test_text_header_fields(tmp_path: Path) -> None:
    p = tmp_path / "c.txt"
    p.write_text(
        "date 2025-03-11\nsource: Harbour Times\ntitle: Port strike\nauthor: Lena Hart\n\nWESTHAVEN: Body."
    )
    [a], _ = _collect([p])
    assert (a.source, a.title, a.authors, a.published) == (
        "Harbour Times",
        "Port strike",
        ("Lena Hart",),
        "2025-03-11",
    )
    assert a.text == "WESTHAVEN: Body."
    s, e = a.to_original(0, 10)
    assert a.original[s:e] == "WESTHAVEN:"


def test_huge_html_is_a_counted_skip(tmp_path: Path, monkeypatch) -> None:
    import newsfuse.ingest as ingest

    monkeypatch.setattr(ingest, "MAX_HTML_BYTES", 10_000)
    (tmp_path / "big.html").write_text(
        "<html><body><article>" + "<p>Words and more words.</p>" * 2000 + "</article></body></html>"
    )
    (tmp_path / "ok.txt").write_text("A small article that is fine.")
    arts, errors = _collect([tmp_path])
    assert [a.text for a in arts] == ["A small article that is fine."]
    assert errors[0].code == "NF106" and "big.html" in errors[0].message


def test_text_encodings_are_repaired(tmp_path: Path) -> None:
    (tmp_path / "cp.txt").write_bytes(
        "Caf\u00e9 owners said the \u2018strike\u2019 hurt trade.".encode("cp1252")
    )
    (tmp_path / "moji.txt").write_bytes("It\u2019s caf\u00e9 time.".encode().decode("cp1252").encode())
    (tmp_path / "u16.txt").write_bytes("\ufeffUTF-16 text here.".encode("utf-16"))
    arts, errors = _collect([tmp_path])
    assert not errors
    assert sorted(a.text for a in arts) == sorted(
        [
            "Caf\u00e9 owners said the \u2018strike\u2019 hurt trade.",
            "It\u2019s caf\u00e9 time.",
            "UTF-16 text here.",
        ]
    )
