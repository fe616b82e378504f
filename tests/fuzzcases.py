"""Hand-made nasty inputs for the fuzz tests (tests/test_fuzz.py) and the nightly-size run
(`python -m tests.fuzz_nightly`): every kind of file newsfuse reads, broken in the ways real files break.
Built from the sample corpus by a seeded random generator, so a failure is reproducible from its seed."""

from __future__ import annotations

import gzip
import io
import json
import random
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "sample" / "corpus"

NUMBERS = [
    "1,2,3", "2012-13", "$.5bn", "10^400", "1e999", "-0", "1,000,000,000,000,000,000,000 dollars", "٣٤٥",
    "5..5%", "$", "%", "1/0", "NaN", "inf", "0x1F", "12e-999", "₹3.2 lakh crore", "½", "3½ million",
    "between 5 and", "up to 10^10^10", "99999999999999999999999999 per cent", "$68.7 bn.", "1 in 0",
    "two-thirds of zero", "2025-13-45", "on 31 February", "Q5 2024", "FY2024-25-26", "the 1990s-2000s",
]  # fmt: skip
QUOTES = ['"', "\u201c", "\u201d", "'", "\u2018", "\u2019", "«", "»", "„"]


def _texts() -> list[str]:
    return [p.read_text() for p in sorted((CORPUS / "text").glob("*.txt"))]


def _htmls() -> list[bytes]:
    return [p.read_bytes() for p in sorted((CORPUS / "html").glob("*.html"))]


def nasty_sentence(rng: random.Random) -> str:
    words = rng.choice(_texts()).split()
    start = rng.randrange(len(words))
    out = words[start : start + rng.randint(3, 40)]
    for _ in range(rng.randint(1, 6)):
        out.insert(rng.randint(0, len(out)), rng.choice(NUMBERS + QUOTES))
    return " ".join(out)


def _mutate(data: bytes, rng: random.Random) -> bytes:
    """Truncate, flip bytes, splice garbage or duplicate a slice."""
    b = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(4)
        if op == 0 and b:
            del b[rng.randrange(len(b)) :]
        elif op == 1 and b:
            for _ in range(rng.randint(1, 20)):
                b[rng.randrange(len(b))] = rng.randrange(256)
        elif op == 2:
            at = rng.randint(0, len(b))
            b[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 200)))
        elif b:
            i = rng.randrange(len(b))
            b[i:i] = b[i : i + rng.randint(1, 2000)]
    return bytes(b)


def _html(rng: random.Random) -> tuple[str, bytes]:
    kind = rng.randrange(8)
    page = rng.choice(_htmls())
    if kind == 0:
        return "mutated.html", _mutate(page, rng)
    if kind == 1:
        depth = rng.choice([100, 1000, 5000])
        return "nested.html", (
            b"<div>" * depth + nasty_sentence(rng).encode() + b"</div>" * rng.randint(0, depth)
        )
    if kind == 2:
        return "binary.html", bytes(rng.randrange(256) for _ in range(rng.randint(0, 3000)))
    if kind == 3:  # declared one charset, written in another, with a mix
        body = ("<p>" + nasty_sentence(rng) + " café – naïve</p>") * 5
        data = f'<html><head><meta charset="{rng.choice(["utf-8", "iso-8859-1", "shift_jis", "bogus"])}">'
        return "charset.html", data.encode() + body.encode(
            rng.choice(["utf-8", "cp1252", "utf-16"]), "replace"
        )
    if kind == 4:
        return "empty.html", b""
    if kind == 5:
        return "page.html.gz", gzip.compress(page)[: rng.randint(0, 400)]
    if kind == 6:  # unbalanced quotes and attributes
        text = nasty_sentence(rng)
        return "quotes.html", f'<html><body><p class="a>{text}<p>\u201c{text}</article>'.encode()
    return "page.html", page.replace(b"</p>", b"</p>" + nasty_sentence(rng).encode(), rng.randint(1, 5))


def _feed(rng: random.Random) -> tuple[str, bytes]:
    feed = rng.choice(sorted((CORPUS / "feeds").glob("*.xml"))).read_bytes()
    kind = rng.randrange(4)
    if kind == 0:
        return "feed.rss.xml", feed[: rng.randint(0, len(feed))]
    if kind == 1:
        return "feed.rss.xml", _mutate(feed, rng)
    if kind == 2:
        items = "".join(f"<item><title>{nasty_sentence(rng)}</title><description>{rng.choice(['', '<![CDATA[<p>x', nasty_sentence(rng)])}</description><pubDate>{rng.choice(NUMBERS)}</pubDate></item>" for _ in range(3))  # fmt: skip
        return "feed.rss", f"<rss><channel><title>t</title>{items}</channel></rss>".encode("utf-8", "replace")
    return "feed.atom.xml", b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry>' * 50


def _warc_bytes(rng: random.Random) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for page in _htmls()[: rng.randint(1, 3)]:
        headers = StatusAndHeaders("200 OK", [("Content-Type", rng.choice(["text/html", "image/png", ""]))],
                                   protocol="HTTP/1.0")  # fmt: skip
        rec = writer.create_warc_record("https://example.com/x", "response", payload=io.BytesIO(page), length=len(page),
                                        http_headers=headers)  # fmt: skip
        writer.write_record(rec)
    return out.getvalue()


def _warc(rng: random.Random) -> tuple[str, bytes]:
    data = _warc_bytes(rng)
    if rng.random() < 0.5:
        return "crawl.warc.gz", data[: rng.randint(0, len(data))]
    return "crawl.warc.gz", _mutate(data, rng)


def _jsonl(rng: random.Random) -> tuple[str, bytes]:
    lines = []
    for _ in range(rng.randint(1, 8)):
        choice = rng.randrange(7)
        if choice == 0:
            lines.append("{broken " + nasty_sentence(rng))
        elif choice == 1:
            lines.append(
                json.dumps(rng.choice([5, None, [], "text", {"text": 5}, {"text": None}, {"text": ["a"]}]))
            )
        elif choice == 2:
            lines.append(json.dumps({"text": nasty_sentence(rng), "published": rng.choice(NUMBERS),
                                     "authors": rng.choice([5, None, "a;b", [1, 2]]), "id": rng.choice([None, 0, "", "../../etc/passwd", "x" * 300])}))  # fmt: skip
        elif choice == 3:
            lines.append(json.dumps({"text": "\u0000" + nasty_sentence(rng) + "\ud800"}, ensure_ascii=True))
        elif choice == 4:
            lines.append("")
        elif choice == 5:
            lines.append(json.dumps({"text": nasty_sentence(rng), "title": "<script>alert(1)</script>"}))
        else:
            lines.append('{"text": "' + "\\" * rng.randint(1, 3) + nasty_sentence(rng) + '"}')
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    return rng.choice(["dump.jsonl", "dump.json", "dump.jsonl.gz"]), data if rng.random() < 0.7 else _mutate(
        data, rng
    )


def _csv(rng: random.Random) -> tuple[str, bytes]:
    rows = ["id,title,text,published,authors"]
    for i in range(rng.randint(1, 6)):
        t = nasty_sentence(rng)
        rows.append(rng.choice([
            f'{i},"t","{t}",2025-01-02,a;b',
            f'{i},"unbalanced,{t},2025-01-02,',
            f'{i},t,"{t}""inner""",{rng.choice(NUMBERS)},',
            f"{i},,,,,,,,,",
            f'{i},"multi\nline","{t}\n\n{t}",,',
            "\x00\x00",
        ]))  # fmt: skip
    data = "\r\n".join(rows).encode(rng.choice(["utf-8", "cp1252", "utf-16"]), "replace")
    return "rows.csv", data


def _text(rng: random.Random) -> tuple[str, bytes]:
    kind = rng.randrange(6)
    if kind == 0:
        return "empty.txt", b""
    if kind == 1:
        return "nums.txt", ("date 2025-02-30\n" + "\n\n".join(nasty_sentence(rng) for _ in range(5))).encode()
    if kind == 2:
        return "mixed.txt", nasty_sentence(rng).encode("utf-8") + "café".encode("cp1252") + b"\xff\xfe\x00"
    if kind == 3:
        return "bom.txt", "\ufeff".encode("utf-16") + nasty_sentence(rng).encode("utf-16-le")
    if kind == 4:
        return "story.txt", _mutate(rng.choice(_texts()).encode(), rng)
    return "ws.txt", rng.choice([b"   \n\n\t ", b"date 2025-01-01\n", b"\r\r\r", b"\x0c" * 50])


MAKERS: dict[str, Callable[[random.Random], tuple[str, bytes]]] = {
    "html": _html, "feed": _feed, "warc": _warc, "jsonl": _jsonl, "csv": _csv, "text": _text,
}  # fmt: skip


def nasty_files(seed: int, count: int) -> Iterator[tuple[str, str, bytes]]:
    """(kind, file name, bytes) of `count` nasty files."""
    rng = random.Random(seed)
    kinds = sorted(MAKERS)
    for i in range(count):
        kind = kinds[i % len(kinds)]
        name, data = MAKERS[kind](rng)
        yield kind, f"{i:05d}-{name}", data


def write_files(folder: Path, seed: int, count: int) -> dict[str, int]:
    """Write `count` nasty files into `folder`; returns how many of each kind."""
    folder.mkdir(parents=True, exist_ok=True)
    kinds: dict[str, int] = {}
    for kind, name, data in nasty_files(seed, count):
        (folder / name).write_bytes(data)
        kinds[kind] = kinds.get(kind, 0) + 1
    return kinds
