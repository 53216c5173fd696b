from __future__ import annotations

import dataclasses
import json

import pytest

from persona.errors import BadInput
from persona.voice.events import TurnMetrics, VoiceEvent, all_event_types


def _sample_value(field: dataclasses.Field, index: int):
    kind = str(field.type)
    if "bool" in kind:
        return True
    if "float" in kind:
        return 1.5 + index
    if "int" in kind:
        return 3 + index
    return f"value {index} ✓"


def test_every_event_round_trips():
    types = all_event_types()
    assert len(types) >= 12
    names = {cls.__name__ for cls in types}
    assert {
        "SpeechStarted",
        "SpeechEnded",
        "Transcript",
        "ReplyChunk",
        "AudioOut",
        "Interrupted",
        "TurnMetrics",
    } <= names
    for cls in types:
        fields = dataclasses.fields(cls)
        kwargs = {f.name: _sample_value(f, i) for i, f in enumerate(fields)}
        event = cls(**kwargs)
        line = event.to_json()
        assert json.loads(line)["type"] == cls.__name__
        back = VoiceEvent.from_json(line)
        assert back == event, cls.__name__
        # Every declared field is serialised (none can be silently dropped).
        assert set(json.loads(line)) == {"type"} | {f.name for f in fields}


def test_events_are_frozen():
    event = TurnMetrics(turn_id=1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        event.turn_id = 2  # type: ignore[misc]


@pytest.mark.parametrize(
    "line",
    [
        '{"type": "Nope"}',
        "not json",
        "[1, 2]",
        '{"type": "Transcript", "turn_id": 1, "text": "x", "bogus": 1}',
    ],
)
def test_bad_event_json(line):
    with pytest.raises(BadInput):
        VoiceEvent.from_json(line)


def test_metrics_summary_is_one_line():
    line = TurnMetrics(turn_id=4, transcript_ms=120, first_audio_ms=480.4).summary()
    assert "\n" not in line and "turn 4" in line and "480" in line
