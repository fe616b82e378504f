from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from newsfuse.cli import app

runner = CliRunner()
STORY = (
    "date 2025-03-04 Harbourside: Dock workers at the port of Harbourside walked out on Monday, leaving 1,200 "
    "containers stranded, the port authority said. \u201cWe will not unload a single ship until the offer improves,\u201d "
    "union leader Maria Santos said. Talks resume on Friday."
)


def _json(args: list[str], input: str | None = None):
    res = runner.invoke(app, args, input=input)
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_error_is_one_json_object_on_stderr(tmp_path: Path) -> None:
    p = subprocess.run(
        [sys.executable, "-m", "newsfuse", "analyze", str(tmp_path / "missing.txt"), "--json"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert p.returncode != 0 and p.stdout == ""
    err = json.loads(p.stderr.strip().splitlines()[-1])["error"]
    assert err["code"] == "NF101" and "missing.txt" in err["message"] and err["hint"]


def test_analyze_offsets_are_into_the_input_as_given(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(STORY)
    o = _json(["analyze", str(f), "--json"])
    for kind in ("sentences", "entities", "dates", "figures", "quotes"):
        for item in o[kind]:
            assert 0 <= item["start"] <= item["end"] <= len(STORY)
            if "text" in item:
                assert STORY[item["start"] : item["end"]] == item["text"]
    assert any(d["text"] == "Monday" and d["value"] == "2025-03-03" for d in o["dates"])
    assert any(q["speaker"] == "Maria Santos" for q in o["quotes"])


def test_analyze_stdin_with_date() -> None:
    o = _json(["analyze", "-", "--date", "2025-08-21", "--json"], input="Talks were held on Thursday.")
    assert o["dates"][0]["value"] == "2025-08-21"


def test_analyze_batch_keeps_order_and_reports_bad_lines(tmp_path: Path) -> None:
    f = tmp_path / "b.jsonl"
    f.write_text(
        json.dumps({"id": "a", "text": STORY})
        + "\n{broken\n"
        + json.dumps({"text": "No id here at all."})
        + "\n"
    )
    res = runner.invoke(app, ["analyze-batch", str(f)])
    lines = [json.loads(x) for x in res.stdout.splitlines()]
    assert [x.get("id") for x in lines] == ["a", None, None]
    assert "error" in lines[1] and "sentences" in lines[2]


def test_cluster_jsonl_outputs_every_id_once(tmp_path: Path) -> None:
    f = tmp_path / "c.jsonl"
    rows = [
        {"id": "x1", "text": STORY},
        {"id": "x2", "text": STORY.replace("Talks resume on Friday.", "Talks resume later this week.")},
        {
            "id": "y",
            "text": "A wildfire in the Redwood valley forced 3,000 residents to flee as winds pushed flames.",
        },
    ]
    f.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = _json(["cluster", str(f), "--json"])
    ids = sorted(a for s in out for a in s["articles"])
    assert ids == ["x1", "x2", "y"]
    story = {a: s["story"] for s in out for a in s["articles"]}
    assert story["x1"] == story["x2"] != story["y"]


def test_commands_that_read_a_store_start_without_the_heavy_libraries(tmp_path: Path) -> None:
    """`newsfuse --help`, `stories`, `errors`... load neither spaCy nor scikit-learn nor datasketch (3.5 s of
    imports before each command when the CLI loaded them at start-up; ~0.4 s for --help without them)."""
    code = (
        "import sys; from newsfuse.cli import main; sys.argv = ['newsfuse', 'stories', '--json', '--db', "
        f"'sqlite:///{tmp_path / 'n.db'}']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = sorted(m for m in ('spacy', 'sklearn', 'datasketch', 'trafilatura') if m in sys.modules)\n"
        "print('HEAVY', heavy)"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert "HEAVY []" in p.stdout, p.stdout + p.stderr
