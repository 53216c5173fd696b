"""Opus frames in and out, through the system's libopus (Debian `libopus0`) over ctypes.

The xiaozhi-esp32 protocol carries one Opus packet per WebSocket binary message: 16 kHz mono
up from the robot, 24 kHz mono down to it, 60 ms a frame. Only the four libopus calls that
needs are bound here; no Python binding package is required.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import threading
from collections.abc import Iterator

import numpy as np

from persona.errors import BadInput, ModelError

APPLICATION_VOIP = 2048
MAX_PACKET_BYTES = 4000  # libopus's recommended output buffer
MAX_FRAME_S = 0.12  # the longest Opus frame

_lib: ctypes.CDLL | None = None
_lib_lock = threading.Lock()


def libopus() -> ctypes.CDLL:
    """The loaded libopus; ModelError with the package to install when it is missing."""
    global _lib
    with _lib_lock:
        if _lib is None:
            name = ctypes.util.find_library("opus") or "libopus.so.0"
            try:
                lib = ctypes.CDLL(name)
            except OSError:
                raise ModelError(
                    "libopus is not installed: apt-get install libopus0 (Debian/Ubuntu), "
                    "brew install opus (macOS)"
                ) from None
            void_p, c_int, i32 = ctypes.c_void_p, ctypes.c_int, ctypes.c_int32
            lib.opus_encoder_create.restype = void_p
            lib.opus_encoder_create.argtypes = [i32, c_int, c_int, ctypes.POINTER(c_int)]
            lib.opus_encode.restype = i32
            lib.opus_encode.argtypes = [void_p, void_p, c_int, void_p, i32]
            lib.opus_encoder_destroy.argtypes = [void_p]
            lib.opus_decoder_create.restype = void_p
            lib.opus_decoder_create.argtypes = [i32, c_int, ctypes.POINTER(c_int)]
            lib.opus_decode.restype = c_int
            lib.opus_decode.argtypes = [void_p, void_p, i32, void_p, c_int, c_int]
            lib.opus_decoder_destroy.argtypes = [void_p]
            lib.opus_strerror.restype = ctypes.c_char_p
            lib.opus_strerror.argtypes = [c_int]
            _lib = lib
        return _lib


def _error(lib: ctypes.CDLL, code: int) -> str:
    return (lib.opus_strerror(code) or b"unknown error").decode("ascii", "replace")


class OpusEncoder:
    """Mono float32 audio -> Opus packets of `frame_ms` each. Not thread-safe."""

    def __init__(self, sample_rate: int, *, frame_ms: int = 60) -> None:
        self._lib = libopus()
        self.sample_rate = sample_rate
        self.frame_samples = sample_rate * frame_ms // 1000
        err = ctypes.c_int(0)
        self._state = self._lib.opus_encoder_create(
            sample_rate, 1, APPLICATION_VOIP, ctypes.byref(err)
        )
        if err.value != 0 or not self._state:
            raise ModelError(f"cannot start an Opus encoder: {_error(self._lib, err.value)}")
        self._pending = np.zeros(0, dtype=np.int16)
        self._out = ctypes.create_string_buffer(MAX_PACKET_BYTES)

    def encode(self, samples: np.ndarray) -> Iterator[bytes]:
        """The whole frames `samples` completes (the rest waits for more, or `flush`)."""
        pcm = (np.clip(np.asarray(samples, dtype=np.float32), -1.0, 1.0) * 32767).astype(np.int16)
        data = np.concatenate([self._pending, pcm])
        whole = data.size // self.frame_samples * self.frame_samples
        self._pending = data[whole:]
        for start in range(0, whole, self.frame_samples):
            yield self._packet(np.ascontiguousarray(data[start : start + self.frame_samples]))

    def flush(self) -> Iterator[bytes]:
        """The last partial frame, padded with silence."""
        if self._pending.size:
            frame = np.zeros(self.frame_samples, dtype=np.int16)
            frame[: self._pending.size] = self._pending
            self._pending = np.zeros(0, dtype=np.int16)
            yield self._packet(frame)

    def _packet(self, frame: np.ndarray) -> bytes:
        n = self._lib.opus_encode(
            self._state, frame.ctypes.data, self.frame_samples, self._out, MAX_PACKET_BYTES
        )
        if n < 0:
            raise ModelError(f"Opus encoding failed: {_error(self._lib, n)}")
        return self._out.raw[:n]

    def close(self) -> None:
        if self._state:
            self._lib.opus_encoder_destroy(self._state)
            self._state = None

    def __del__(self) -> None:
        self.close()


class OpusDecoder:
    """Opus packets -> mono float32 audio at `sample_rate`. Not thread-safe."""

    def __init__(self, sample_rate: int) -> None:
        self._lib = libopus()
        self.sample_rate = sample_rate
        self._max = int(sample_rate * MAX_FRAME_S)
        err = ctypes.c_int(0)
        self._state = self._lib.opus_decoder_create(sample_rate, 1, ctypes.byref(err))
        if err.value != 0 or not self._state:
            raise ModelError(f"cannot start an Opus decoder: {_error(self._lib, err.value)}")
        self._pcm = np.zeros(self._max, dtype=np.int16)

    def decode(self, packet: bytes) -> np.ndarray:
        """One packet's audio; BadInput for bytes that are not an Opus packet."""
        if not packet or len(packet) > MAX_PACKET_BYTES:
            raise BadInput(f"not an Opus packet ({len(packet)} bytes)")
        n = self._lib.opus_decode(
            self._state, packet, len(packet), self._pcm.ctypes.data, self._max, 0
        )
        if n < 0:
            raise BadInput(f"not an Opus packet: {_error(self._lib, n)}")
        return self._pcm[:n].astype(np.float32) / 32768.0

    def close(self) -> None:
        if self._state:
            self._lib.opus_decoder_destroy(self._state)
            self._state = None

    def __del__(self) -> None:
        self.close()
