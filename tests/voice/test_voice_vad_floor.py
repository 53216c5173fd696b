"""Endpointing over background talk: Silero hears the babble as speech, so the turn only ends
when a window must also stand out from the background floor (`VadConfig.floor_margin_db`)."""

from __future__ import annotations

import numpy as np

from persona.bench.noise import babble, mix_at_snr
from persona.bench.voice import voiced_span
from persona.speech.vad import StreamingVad, VadConfig, VadEnd

from .voice_audio import silence

RATE = 16000


def _ends(config: VadConfig, audio: np.ndarray) -> list[VadEnd]:
    vad = StreamingVad(config)
    out = []
    for i in range(0, audio.size, 640):
        out.extend(e for e in vad.feed(audio[i : i + 640]) if isinstance(e, VadEnd))
    return out


def test_a_question_over_babble_ends_only_with_a_floor_margin(espeak):
    talkers = [
        espeak("I told him the train would be late again, but he never listens to me."),
        espeak("We could paint the living room green, or a warm yellow if they agree."),
        espeak("My brother keeps chickens in the garden and they wake everybody up."),
        espeak("Did you see the match last night? The second half was incredible."),
    ]
    question = espeak("Is it going to rain tomorrow morning?")
    lead, tail = silence(2.0), silence(1.5)
    speech = np.concatenate([lead, question, tail])
    noise = babble(talkers, speech.size, np.random.default_rng(7))
    audio = mix_at_snr(speech, noise, 10.0)
    first, last = voiced_span(speech)
    said_from, said_until = first / RATE, last / RATE

    plain = _ends(VadConfig(), audio)
    assert not any(e.end / RATE < said_until + 1.0 for e in plain)  # babble holds the turn open

    ends = _ends(VadConfig(floor_margin_db=10.0), audio)
    # One turn holds the question, and it ends within a second of the last word.
    turn = [e for e in ends if e.start / RATE <= said_from and e.end / RATE > said_until - 0.3]
    assert len(turn) == 1 and turn[0].end / RATE < said_until + 1.0


def test_a_floor_margin_changes_nothing_in_a_quiet_room(espeak):
    phrase = espeak("Turn on the kitchen lights please.")
    audio = np.concatenate([silence(1.0), phrase, silence(1.0)])
    audio = audio + np.random.default_rng(1).normal(0, 0.001, audio.size).astype(np.float32)
    plain, floor = _ends(VadConfig(), audio), _ends(VadConfig(floor_margin_db=10.0), audio)
    assert len(plain) == len(floor) == 1
    assert abs(plain[0].end - floor[0].end) <= 512 and abs(plain[0].start - floor[0].start) <= 512
