"""The Wyoming adapter's pure parts: PCM decoding, the utterance buffer, the context id."""

from __future__ import annotations

import numpy as np
import pytest
from wyoming.audio import AudioChunk

from persona.adapters.wyoming_server import AudioCapture, conversation_id, pcm_samples
from persona.errors import BadInput


def test_pcm_of_each_width_and_channel_count_decodes():
    stereo = np.array([[1, -1], [2, -2], [3, -3]], dtype="<i2")
    assert pcm_samples(stereo.tobytes(), width=2, channels=2).tolist() == stereo.tolist()
    assert pcm_samples(b"\x80\x81", width=1, channels=1).tolist() == [128, 129]
    assert pcm_samples(b"\x01\x00\x02", width=2, channels=1).tolist() == [1]  # a torn frame
    with pytest.raises(BadInput, match="width 3"):
        pcm_samples(b"", width=3, channels=1)


def test_a_capture_keeps_its_format_and_length_limit():
    capture = AudioCapture(rate=16000, width=2, channels=1, max_seconds=0.01)
    capture.add(AudioChunk(rate=16000, width=2, channels=1, audio=b"\x01\x00" * 100))
    assert capture.samples().size == 100
    with pytest.raises(BadInput, match="changed format"):
        capture.add(AudioChunk(rate=8000, width=2, channels=1, audio=b"\x00\x00"))
    capture.add(AudioChunk(rate=16000, width=2, channels=1, audio=b"\x00\x00" * 100))
    with pytest.raises(BadInput, match="longer than"):
        capture.samples()
    with pytest.raises(BadInput, match="rate"):
        AudioCapture(rate=0, width=2, channels=1, max_seconds=1)


def test_the_conversation_id_comes_from_the_context():
    assert conversation_id({"conversation_id": "01HS6", "device_id": "x"}) == "01HS6"
    assert conversation_id({"conversation_id": "  "}) is None
    assert conversation_id({"device_id": "x"}) is None
    assert conversation_id(None) is None
