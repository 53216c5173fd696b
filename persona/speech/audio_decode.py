"""Audio loading and conversion to 16 kHz mono float32, for arrays and files.

Files go through PyAV (bundled with faster-whisper), so wav, mp3, ogg, webm and friends all
work; `iter_file_chunks` decodes incrementally so a long recording never sits in memory whole.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from persona.errors import BadInput, NotFound

log = logging.getLogger(__name__)

STT_RATE = 16000


def to_mono_float(samples: np.ndarray) -> np.ndarray:
    """Any PCM array ((n,), (n, channels); int16/int32/float) -> mono float32 in [-1, 1].
    Integer samples are scaled before the channels are mixed: a mix of int16 channels
    is float, and would be clipped to [-1, 1] as if it were already scaled."""
    array = np.asarray(samples)
    if array.ndim == 2:
        # (channels, n) arrays are rare but PyAV-style; treat the short axis as channels.
        if array.shape[0] < array.shape[1] and array.shape[0] <= 8:
            array = array.T
    elif array.ndim != 1:
        raise BadInput(f"audio array must be 1-D or 2-D (samples, channels), got {array.ndim}-D")
    if array.dtype == np.int16:
        array = array.astype(np.float32) / 32768.0
    elif array.dtype == np.int32:
        array = array.astype(np.float32) / 2147483648.0
    elif array.dtype == np.uint8:
        array = (array.astype(np.float32) - 128.0) / 128.0
    if array.ndim == 2:
        array = array.astype(np.float32).mean(axis=1) if array.shape[1] > 1 else array[:, 0]
    return np.clip(array.astype(np.float32), -1.0, 1.0)


def resample(samples: np.ndarray, rate: int, target: int = STT_RATE) -> np.ndarray:
    """Resample a whole mono float array with libswresample (through PyAV)."""
    if rate <= 0 or target <= 0:
        raise BadInput(f"sample rate must be positive, got {rate}")
    if rate == target or samples.size == 0:
        return samples.astype(np.float32, copy=False)
    resampler = StreamResampler(rate, target)
    return np.concatenate([resampler.push(samples), resampler.flush()])


class StreamResampler:
    """Block-by-block resampling that keeps filter state between blocks (mic and speaker)."""

    def __init__(self, rate: int, target: int) -> None:
        import av

        self.rate = rate
        self._resampler = av.AudioResampler(format="flt", layout="mono", rate=target)

    def push(self, samples: np.ndarray) -> np.ndarray:
        import av

        data = np.ascontiguousarray(samples, dtype=np.float32).reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(data, format="flt", layout="mono")
        frame.sample_rate = self.rate
        return self._join(self._resampler.resample(frame))

    def flush(self) -> np.ndarray:
        return self._join(self._resampler.resample(None))

    @staticmethod
    def _join(frames: list) -> np.ndarray:
        if not frames:
            return np.zeros(0, dtype=np.float32)
        return np.concatenate([f.to_ndarray().reshape(-1) for f in frames]).astype(np.float32)


def pcm_to_stt(samples: np.ndarray, sample_rate: int = STT_RATE) -> np.ndarray:
    """A PCM array at any rate/channel count -> 16 kHz mono float32."""
    return resample(to_mono_float(samples), sample_rate, STT_RATE)


def _check_file(path: Path) -> None:
    if not path.exists():
        raise NotFound(f"audio file not found: {path}")
    if path.is_dir():
        raise BadInput(f"{path} is a folder; give an audio file (wav, mp3, ogg, webm)")
    if path.stat().st_size == 0:
        raise BadInput(f"{path} is empty (0 bytes); record some audio first")


def iter_file_chunks(
    path: str | Path, *, chunk_samples: int = 512, sample_rate: int = STT_RATE
) -> Iterator[np.ndarray]:
    """Decode a file lazily into mono float32 chunks of `chunk_samples` at `sample_rate`."""
    import av

    path = Path(path)
    _check_file(path)
    resampler = av.audio.resampler.AudioResampler(format="s16", layout="mono", rate=sample_rate)
    pending = np.zeros(0, dtype=np.float32)
    got_any = False
    try:
        container = av.open(str(path), mode="r", metadata_errors="ignore")
    except (av.error.FFmpegError, OSError, ValueError) as exc:
        raise BadInput(f"cannot read audio from {path}: {exc}; use wav, mp3, ogg or webm") from None
    with container:
        if not container.streams.audio:
            raise BadInput(f"{path} has no audio stream")
        try:
            for frame in container.decode(audio=0):
                for out in resampler.resample(frame):
                    data = out.to_ndarray().reshape(-1).astype(np.float32) / 32768.0
                    pending = np.concatenate([pending, data])
                    while pending.size >= chunk_samples:
                        got_any = True
                        yield pending[:chunk_samples]
                        pending = pending[chunk_samples:]
            for out in resampler.resample(None):
                data = out.to_ndarray().reshape(-1).astype(np.float32) / 32768.0
                pending = np.concatenate([pending, data])
        except av.error.FFmpegError as exc:
            if not got_any:
                raise BadInput(f"cannot decode audio in {path}: {exc}") from None
            log.warning("audio in %s is cut short: %s", path, exc)
    if pending.size:
        got_any = True
        yield np.pad(pending, (0, chunk_samples - pending.size % chunk_samples or 0))[
            : max(chunk_samples, pending.size)
        ]
    if not got_any:
        raise BadInput(f"{path} holds no audio samples (zero-length recording)")


def load_audio(source: str | Path | np.ndarray, *, sample_rate: int = STT_RATE) -> np.ndarray:
    """A file path or PCM array -> 16 kHz mono float32 (the whole thing, in memory).

    `sample_rate` is the rate of an array `source`; files carry their own.
    """
    if isinstance(source, np.ndarray):
        return pcm_to_stt(source, sample_rate)
    chunks = list(iter_file_chunks(source, chunk_samples=STT_RATE))
    return np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.float32)
