"""`persona bench quality` end to end on the real default model, kept tiny."""

from __future__ import annotations

import json

import pytest

from persona.bench.quality import CHECK_NAMES

pytestmark = pytest.mark.slow


def test_quality_bench_json_on_the_default_model(cli, persona_home, tmp_path):
    replies = tmp_path / "replies.jsonl"
    proc = cli(
        "bench", "quality", "--json", "--seeds", "1", "--limit", "3",
        "--persona", "sparky", "--persona", "bleep", "--max-tokens", "48",
        "--roast-profiles", "1", "--roast-n", "1", "--threads", "1",
        "--replies-out", str(replies),
        timeout=900,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "[bench quality]" in proc.stderr  # progress on stderr, JSON alone on stdout
    result = json.loads(proc.stdout)
    assert result["personas"] == ["sparky", "bleep"]
    assert result["conversations_per_persona"] == {"sparky": 3, "bleep": 3}
    records = [json.loads(line) for line in replies.read_text().splitlines()]
    assert result["replies"] == len(records) >= 6
    passed = sum(not r["problems"] for r in records)
    assert result["persona_pass_rate"] == round(passed / len(records), 3)
    assert set(result["pass_rate_by_persona"]) == {"sparky", "bleep"}
    assert set(CHECK_NAMES) <= set(result["check_failures"])
    assert result["tokens_per_s"] > 0 and result["first_chunk_ms_p50"] > 0
    assert result["peak_rss_mb"] > 50
    for sample in result["failing_samples"]:
        assert sample["problems"] and "reply" in sample
    for key in ("roast_coherence", "roast_fact_rate", "roast_copy_rate", "roast_fallback_rate"):
        assert 0.0 <= result[key] <= 1.0
    assert result["roast"]["roasts"] == 1
    # Bleep's replies are beeps and a translation or they fail, whatever the model did.
    for r in records:
        if r["persona"] == "bleep" and not r["reply"].startswith("*"):
            assert r["problems"]
