"""`persona voice`: talk to the robot with a mic and speaker, or through WAV files."""

from __future__ import annotations

import argparse
import sys
import threading
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path

from persona.cli.common import add_model_options, generation_options, load_backend
from persona.errors import BadInput
from persona.speech.audio_io import check_out_path, open_audio_in
from persona.voice.events import (
    Ignored,
    Interrupted,
    ListenStarted,
    ReplyFinished,
    Transcript,
    TurnMetrics,
    VoiceError,
    VoiceEvent,
)
from persona.voice.loop import VoiceConfig
from persona.voice.session import (
    VoiceSessionOptions,
    build_loop,
    limit_malloc_arenas,
    voice_llm_threads,
    warm_up,
)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("voice", help="talk to the robot: mic and speaker, or --in/--out files")
    add_model_options(p)
    p.add_argument("--in", dest="in_path", metavar="FILE", help="read speech from an audio file")
    p.add_argument(
        "--out", dest="out_path", metavar="FILE", help="write the robot's speech to a WAV"
    )
    p.add_argument(
        "--realtime",
        action="store_true",
        help="play --in/--out at real-time speed (as a mic and speaker would)",
    )
    p.add_argument("--list-devices", action="store_true", help="list audio devices and exit")
    p.add_argument("--input-device", help="microphone: index or part of its name")
    p.add_argument("--output-device", help="speaker: index or part of its name")
    p.add_argument(
        "--barge-in",
        action="store_true",
        help="let the user talk over the robot (use echo cancellation on speakers)",
    )
    p.add_argument(
        "--wake-phrase",
        nargs="?",
        const="",
        default=None,
        metavar="PHRASE",
        help="answer only after the wake phrase (default: the persona's)",
    )
    p.add_argument(
        "--follow-up",
        type=float,
        default=8.0,
        metavar="S",
        help="seconds after a reply that need no wake phrase",
    )
    p.add_argument("--push-to-talk", action="store_true", help="press Enter before speaking")
    p.add_argument(
        "--min-silence-ms",
        type=int,
        default=500,
        help="silence that ends an utterance when there is no end-of-turn model",
    )
    p.add_argument(
        "--unfinished-silence-ms",
        type=int,
        default=VoiceConfig().unfinished_silence_ms,
        help="with the end-of-turn model: the silence that ends a turn that sounded unfinished",
    )
    p.add_argument(
        "--turn-model", default=None, help="end-of-turn model: catalog name or .onnx file"
    )
    p.add_argument(
        "--no-turn-model",
        action="store_true",
        help="end turns by the fixed silence only (--min-silence-ms)",
    )
    p.add_argument(
        "--no-speculate",
        action="store_true",
        help="start the reply at the endpoint, not already during the user's pause",
    )
    p.add_argument(
        "--stt-model", default=None, help="speech model: catalog name or CTranslate2 folder"
    )
    p.add_argument("--stt-threads", type=int, default=None)
    p.add_argument("--voice", default=None, help="TTS voice (catalog name, .onnx, or 'beeps')")
    p.add_argument("--metrics", metavar="FILE.jsonl", help="append every event as JSON lines")
    p.add_argument(
        "--user",
        default="guest",
        help="who is talking (memory is per user); the default, guest, is shared by anyone, "
        "so what you tell it is kept for that session only",
    )
    p.add_argument(
        "--roast",
        metavar="SOURCE",
        default=None,
        help="roast mode on this profile (path or text); the robot asks first",
    )
    p.add_argument("--db", default=None, help="SQLite file (default: the user data folder)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.list_devices:
        from persona.speech.audio_io import list_devices

        devices = list_devices()
        if not devices:
            print("no audio devices found (is a USB mic/speaker plugged in?)")
        for device in devices:
            print(device.describe())
        return 0
    if (args.in_path is None) != (args.out_path is None) and args.out_path is None:
        args.out_path = str(Path(args.in_path).with_suffix(".reply.wav"))
    if args.in_path is not None and args.out_path is not None:
        _check_distinct(args.in_path, args.out_path)
    from persona.chat import ChatStore, Conversation
    from persona.personas import load_persona
    from persona.speech.vad import VadConfig

    limit_malloc_arenas()
    persona = load_persona(args.persona)
    wake = None
    if args.wake_phrase is not None:
        wake = args.wake_phrase or getattr(persona, "wake_phrase", None)
        if not wake:
            raise BadInput(
                f"{persona.id} has no wake phrase: pass one, e.g. --wake-phrase 'hey robot'"
            )
    config = VoiceConfig(
        barge_in=args.barge_in,
        wake_phrase=wake,
        follow_up_s=args.follow_up,
        push_to_talk=args.push_to_talk,
        vad=replace(VadConfig(), min_silence_ms=args.min_silence_ms),
        unfinished_silence_ms=args.unfinished_silence_ms,
        # Roast mode changes its own state on every message: nothing is sent ahead of time.
        speculate_reply=not args.no_speculate and not args.roast,
    )
    options = VoiceSessionOptions(
        persona=args.persona,
        in_path=args.in_path,
        out_path=args.out_path,
        input_device=args.input_device,
        output_device=args.output_device,
        realtime=args.realtime,
        stt_model=args.stt_model,
        stt_threads=args.stt_threads,
        voice=args.voice,
        turn_model=args.turn_model,
        end_of_turn_model=not args.no_turn_model,
        loop=config,
    )
    with ExitStack() as closer:
        metrics = _open_metrics(args.metrics) if args.metrics else None
        if metrics is not None:
            closer.callback(metrics.close)
        printer = _Printer(persona.name, metrics)
        # The audio source first: a bad file or a missing mic fails before any model loads.
        audio_in = open_audio_in(
            path=args.in_path, device=args.input_device, realtime=args.realtime
        )
        closer.callback(audio_in.close)
        if args.out_path is not None:
            check_out_path(args.out_path)
        if args.threads is None:
            args.threads = voice_llm_threads()
        backend = load_backend(args)
        closer.callback(backend.close)
        store = ChatStore.open(args.db)
        closer.callback(store.close)
        conv = Conversation.open(
            persona=persona,
            backend=backend,
            store=store,
            user=args.user,
            options=generation_options(args),
        )
        talker = conv
        if args.roast:
            from persona.chat.roast_mode import RoastMode

            talker = RoastMode.from_source(conv, args.roast, seed=args.seed)
        loop = build_loop(
            options,
            conversation=talker,
            persona=persona,
            audio_in=audio_in,
            on_event=printer,
            closer=closer,
        )
        warm_up(conversation=conv, stt=loop.stt, tts=loop.tts, turn_detector=loop.turn_detector)
        if args.push_to_talk:
            threading.Thread(target=_enter_arms, args=(loop,), daemon=True).start()
        loop.run()
    return 0


def _check_distinct(in_path: str, out_path: str) -> None:
    """Writing the reply over the recording would destroy it: refuse before opening."""
    a, b = Path(in_path).expanduser(), Path(out_path).expanduser()
    try:
        same = a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        same = False
    if same:
        raise BadInput(
            f"--out {out_path} is the same file as --in: the reply would overwrite your "
            "recording; pick another --out (or leave it out to write NAME.reply.wav)"
        )


def _open_metrics(path: str):
    try:
        return open(path, "a", encoding="utf-8")  # noqa: SIM115 - closed by the ExitStack
    except OSError as exc:
        raise BadInput(f"cannot write --metrics {path}: {exc.strerror}") from None


def _enter_arms(loop) -> None:
    for _line in sys.stdin:
        loop.arm()
        print("(listening...)", file=sys.stderr)


class _Printer:
    """The terminal view: what was heard, what was said, one latency line per turn."""

    def __init__(self, name: str, metrics) -> None:
        self.name = name
        self.metrics = metrics
        self.lock = threading.Lock()

    def __call__(self, event: VoiceEvent) -> None:
        with self.lock:
            if self.metrics is not None:
                self.metrics.write(event.to_json() + "\n")
                self.metrics.flush()
            if isinstance(event, ListenStarted):
                print(f"(listening on {event.source}; Ctrl-C to stop)", file=sys.stderr)
            elif isinstance(event, Transcript) and event.text:
                print(f"you: {event.text}")
            elif isinstance(event, Ignored) and event.reason not in ("empty", "hallucination"):
                print(f"(ignored: {event.reason})", file=sys.stderr)
            elif isinstance(event, ReplyFinished):
                print(f"{self.name}: {event.spoken or event.text}")
            elif isinstance(event, Interrupted):
                print(f"{self.name} (interrupted): {event.spoken}")
            elif isinstance(event, TurnMetrics):
                print(f"  [{event.summary()}]", file=sys.stderr)
            elif isinstance(event, VoiceError):
                print(f"warning: {event.message}", file=sys.stderr)
            sys.stdout.flush()
