"""Microphone and speaker behind two small protocols, with PortAudio and file implementations.

`AudioIn.chunks()` yields 16 kHz mono float32 blocks. `AudioOut.write()` plays one block and
returns when the device has taken it; `stop()` drops whatever is still buffered, which is
how a barge-in silences the robot within one block.
File versions let the whole voice loop run headless: `FileAudioIn` plays a recording as if it
came from the mic (optionally in real time), `WavAudioOut` records what the robot said.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
import wave
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from persona.errors import BackendUnavailable, BadInput, NotFound
from persona.speech.audio_decode import STT_RATE, StreamResampler, iter_file_chunks, resample

log = logging.getLogger(__name__)

MIC_BLOCK = 512  # 32 ms at 16 kHz: one Silero window


@runtime_checkable
class AudioIn(Protocol):
    """A microphone-like source. `live` sources keep producing while nobody reads them
    (a real mic); a non-live source (a file read as fast as possible) simply waits."""

    name: str
    sample_rate: int
    live: bool

    def chunks(self) -> Iterator[np.ndarray]: ...

    def close(self) -> None: ...


@runtime_checkable
class AudioOut(Protocol):
    name: str
    realtime: bool

    def write(self, samples: np.ndarray, sample_rate: int) -> None:
        """Play (or record) one block; blocks about as long as the device needs."""
        ...

    def stop(self) -> None:
        """Drop audio not yet played."""
        ...

    def close(self) -> None: ...


# ---------------------------------------------------------------- files


class FileAudioIn:
    """A recording played as a microphone: 32 ms blocks, then `tail_silence_s` of silence so
    the last utterance reaches its endpoint. `realtime=True` paces blocks at wall-clock speed
    as a mic does: each block is handed over once its last sample "was recorded", so sample
    `i` of the file is heard at `started_at + i / 16000` (wall clock, set when the first block
    is read). Otherwise blocks come as fast as they are read."""

    sample_rate = STT_RATE

    def __init__(
        self,
        path: str | Path,
        *,
        realtime: bool = False,
        tail_silence_s: float = 1.0,
        speed: float = 1.0,
    ) -> None:
        self.path = Path(path)
        self.name = f"file:{self.path}"
        self.realtime = realtime
        self.live = realtime
        self.tail_silence_s = tail_silence_s
        self.speed = speed
        self.started_at: float | None = None  # time.time() of the stream's first sample
        self._closed = threading.Event()
        list(_peek(iter_file_chunks(self.path, chunk_samples=MIC_BLOCK)))  # fail early on bad files

    def chunks(self) -> Iterator[np.ndarray]:
        start = time.monotonic()
        self.started_at = time.time()
        sent = 0
        tail = np.zeros(MIC_BLOCK, dtype=np.float32)
        n_tail = int(self.tail_silence_s * STT_RATE / MIC_BLOCK)
        blocks = iter_file_chunks(self.path, chunk_samples=MIC_BLOCK)
        for block in _chain(blocks, (tail for _ in range(n_tail))):
            if self._closed.is_set():
                return
            sent += block.size
            if self.realtime:
                due = start + sent / (STT_RATE * self.speed)
                delay = due - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
            yield block

    def close(self) -> None:
        self._closed.set()


def _peek(iterator: Iterator[np.ndarray]) -> Iterator[np.ndarray]:
    for item in iterator:
        yield item
        return


def _chain(*iterables: Any) -> Iterator[np.ndarray]:
    for iterable in iterables:
        yield from iterable


class WavAudioOut:
    """Writes what the robot says to a 16-bit mono WAV. With `realtime=True`, `write`
    takes as long as playing would, so barge-in can be exercised without a speaker."""

    def __init__(
        self, path: str | Path, *, sample_rate: int = 22050, realtime: bool = False
    ) -> None:
        self.path = Path(path)
        self.name = f"file:{self.path}"
        self.realtime = realtime
        self.sample_rate = sample_rate
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._wav = wave.open(str(self.path), "wb")
        self._wav.setnchannels(1)
        self._wav.setsampwidth(2)
        self._wav.setframerate(sample_rate)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self.samples_written = 0

    def write(self, samples: np.ndarray, sample_rate: int) -> None:
        data = resample(np.asarray(samples, np.float32), sample_rate, self.sample_rate)
        if self.realtime:
            # Sleep in small steps so stop() cuts the block short, like a device buffer flush.
            # A stop() only concerns the block being played, never the next one.
            self._stop.clear()
            step = max(1, self.sample_rate // 100)
            for i in range(0, data.size, step):
                if self._stop.is_set():
                    break
                self._append(data[i : i + step])
                time.sleep(step / self.sample_rate)
            return
        self._append(data)

    def _append(self, data: np.ndarray) -> None:
        pcm = (np.clip(data, -1.0, 1.0) * 32767).astype("<i2")
        with self._lock:
            self._wav.writeframes(pcm.tobytes())
            self.samples_written += data.size

    def stop(self) -> None:
        self._stop.set()

    def close(self) -> None:
        with self._lock:
            self._wav.close()


class NullAudioOut:
    """Discards audio (benchmarks of the pipeline without a speaker)."""

    name = "null"
    realtime = False

    def write(self, samples: np.ndarray, sample_rate: int) -> None:
        return None

    def stop(self) -> None:
        return None

    def close(self) -> None:
        return None


# ---------------------------------------------------------------- PortAudio


def _sounddevice() -> Any:
    try:
        import sounddevice
    except OSError:
        raise BackendUnavailable(
            "PortAudio is not installed: `sudo apt install libportaudio2`, "
            "or use --in FILE --out FILE"
        ) from None
    except ImportError:
        raise BackendUnavailable(
            "sounddevice is not installed: `pip install sounddevice`, or use --in FILE --out FILE"
        ) from None
    return sounddevice


@dataclass(frozen=True, slots=True)
class DeviceInfo:
    index: int
    name: str
    inputs: int
    outputs: int
    default_rate: float
    default_input: bool = False
    default_output: bool = False

    def describe(self) -> str:
        marks = ("<in " if self.default_input else "") + ("<out" if self.default_output else "")
        return (
            f"{self.index:>3}  {self.name}  (in {self.inputs}, out {self.outputs}, "
            f"{self.default_rate:.0f} Hz) {marks}".rstrip()
        )


def list_devices() -> list[DeviceInfo]:
    sd = _sounddevice()
    try:
        devices = sd.query_devices()
        default_in, default_out = sd.default.device
    except sd.PortAudioError as exc:
        raise BackendUnavailable(f"cannot list audio devices: {exc}") from None
    return [
        DeviceInfo(
            i,
            d["name"],
            d["max_input_channels"],
            d["max_output_channels"],
            d["default_samplerate"],
            i == default_in,
            i == default_out,
        )
        for i, d in enumerate(devices)
    ]


def _pick_device(sd: Any, device: str | int | None, kind: str) -> int:
    channels = "max_input_channels" if kind == "input" else "max_output_channels"
    what = "microphone" if kind == "input" else "speaker"
    flag = "--input-device" if kind == "input" else "--output-device"
    try:
        devices = sd.query_devices()
    except sd.PortAudioError as exc:
        raise BackendUnavailable(f"cannot list audio devices: {exc}") from None
    candidates = [i for i, d in enumerate(devices) if d[channels] > 0]
    if device is None or device == "":
        default = sd.default.device[0 if kind == "input" else 1]
        if default is not None and default >= 0 and default in candidates:
            return int(default)
        if candidates:
            return candidates[0]
        raise NotFound(
            f"no {what} found: plug one in, check `persona voice --list-devices`, "
            f"or use --in FILE --out FILE"
        )
    text = str(device)
    if text.isdigit() and int(text) in candidates:
        return int(text)
    for i in candidates:
        if text.lower() in devices[i]["name"].lower():
            return i
    raise NotFound(
        f"no {what} matches {text!r}: pick one from `persona voice --list-devices` with {flag}"
    )


class SoundDeviceIn:
    """A PortAudio microphone at 16 kHz mono (resampled from the device rate if needed)."""

    sample_rate = STT_RATE
    live = True

    def __init__(self, device: str | int | None = None) -> None:
        self._wanted = device
        self._closed = threading.Event()
        self._open()

    def reopen(self) -> None:
        """After an unplug: find the device again and start a fresh stream."""
        try:
            self._stream.close()
        except Exception:  # the old stream is dead anyway
            log.debug("closing the dead mic stream failed", exc_info=True)
        sd = _sounddevice()
        try:
            sd._terminate()  # PortAudio only rescans devices on re-initialisation
            sd._initialize()
        except Exception:
            log.debug("PortAudio re-initialisation failed", exc_info=True)
        self._open()

    def _open(self) -> None:
        sd = _sounddevice()
        self._sd = sd
        device = self._wanted
        self.device = _pick_device(sd, device, "input")
        info = sd.query_devices(self.device)
        self.name = f"mic:{info['name']}"
        self._queue: queue.Queue[np.ndarray | None] = queue.Queue(maxsize=500)
        self._rate = STT_RATE
        try:
            sd.check_input_settings(
                device=self.device, channels=1, samplerate=STT_RATE, dtype="float32"
            )
        except Exception:
            self._rate = int(info["default_samplerate"])
        self._resampler = StreamResampler(self._rate, STT_RATE) if self._rate != STT_RATE else None
        self._stream = sd.InputStream(
            device=self.device,
            channels=1,
            samplerate=self._rate,
            dtype="float32",
            blocksize=int(MIC_BLOCK * self._rate / STT_RATE),
            callback=self._callback,
        )

    def _callback(self, indata: np.ndarray, frames: int, _time: Any, status: Any) -> None:
        if status:
            log.debug("mic status: %s", status)
        try:
            self._queue.put_nowait(indata[:, 0].copy())
        except queue.Full:
            log.warning("mic buffer full: dropping audio (the loop is too slow)")

    def chunks(self) -> Iterator[np.ndarray]:
        try:
            self._stream.start()
        except self._sd.PortAudioError as exc:
            raise BackendUnavailable(f"cannot open the microphone ({self.name}): {exc}") from None
        while not self._closed.is_set():
            try:
                block = self._queue.get(timeout=2.0)
            except queue.Empty:
                if not self._stream.active:
                    raise BackendUnavailable(
                        f"the microphone ({self.name}) stopped: is it unplugged?"
                    ) from None
                continue
            if block is None:
                return
            yield self._resampler.push(block) if self._resampler is not None else block

    def close(self) -> None:
        self._closed.set()
        self._queue.put(None)
        try:
            self._stream.close()
        except Exception:  # closing a dead device must not mask the original problem
            log.debug("mic close failed", exc_info=True)


class SoundDeviceOut:
    """A PortAudio speaker. `write` blocks while the device buffer is full."""

    realtime = True

    def __init__(self, device: str | int | None = None, *, sample_rate: int = 22050) -> None:
        sd = _sounddevice()
        self._sd = sd
        self.device = _pick_device(sd, device, "output")
        self.name = f"speaker:{sd.query_devices(self.device)['name']}"
        self.sample_rate = sample_rate
        try:
            sd.check_output_settings(device=self.device, channels=1, samplerate=sample_rate)
        except Exception:
            self.sample_rate = int(sd.query_devices(self.device)["default_samplerate"])
        self._stream = sd.OutputStream(
            device=self.device,
            channels=1,
            samplerate=self.sample_rate,
            dtype="float32",
            latency="low",
        )
        self._stream.start()

    def write(self, samples: np.ndarray, sample_rate: int) -> None:
        data = resample(np.asarray(samples, np.float32), sample_rate, self.sample_rate)
        try:
            self._stream.write(data.reshape(-1, 1))
        except self._sd.PortAudioError as exc:
            raise BackendUnavailable(f"the speaker ({self.name}) failed: {exc}") from None

    def stop(self) -> None:
        try:
            self._stream.abort()  # drops the buffer at once
            self._stream.start()
        except self._sd.PortAudioError:
            log.debug("speaker stop failed", exc_info=True)

    def close(self) -> None:
        try:
            self._stream.close()
        except Exception:
            log.debug("speaker close failed", exc_info=True)


def open_audio_in(
    *, path: str | Path | None = None, device: str | int | None = None, realtime: bool = False
) -> AudioIn:
    if path is not None:
        return FileAudioIn(path, realtime=realtime)
    return SoundDeviceIn(device)


def check_out_path(path: str | Path) -> Path:
    path = Path(path)
    if path.suffix.lower() not in (".wav", ".wave"):
        raise BadInput(f"--out must name a .wav file, got {path}")
    if path.is_dir():
        raise BadInput(f"--out {path} is a folder: give a .wav file name")
    return path


def open_audio_out(
    *,
    path: str | Path | None = None,
    device: str | int | None = None,
    realtime: bool = False,
    sample_rate: int = 22050,
) -> AudioOut:
    if path is not None:
        return WavAudioOut(check_out_path(path), realtime=realtime, sample_rate=sample_rate)
    return SoundDeviceOut(device, sample_rate=sample_rate)
