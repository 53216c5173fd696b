"""An OpenAI-compatible HTTP API over the robot's brain (`persona serve`).

Chat front ends (SillyTavern, Open WebUI, the official `openai` package) see each persona
as a model. The mapping, all through the engine the CLI and the UI use:

- `GET /v1/models`: the personas (`list_personas`), one model each, id = persona id.
- `POST /v1/chat/completions`: the last user message goes to the persona's `Conversation`
  (streamed as SSE chunks with `stream: true`). The client's system messages are ignored:
  the persona is the system prompt. With `user` (or its new name `safety_identifier`), the
  conversation and memory are that user's (the same memory as `persona chat --user
  USER`); a request without an assistant message starts a new conversation. Without a
  user the turn is anonymous and nothing is kept (see `persona.adapters.conversations`,
  which also explains roast mode: "/roast TEXT" or "roast me: TEXT", then "yes").
- `POST /v1/audio/speech`: `input` spoken in the voice of the persona named by `model`
  (or by `voice`), as a WAV.
- `POST /v1/audio/transcriptions`: an uploaded recording -> `{"text": ...}`.

Errors are OpenAI-shaped JSON (`{"error": {"message", "type", "param", "code"}}`). A bearer
token guards every route when one is set (required off loopback, see `check_bind`).
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import re
import tempfile
import threading
import time
import uuid
import wave
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from persona.adapters.conversations import ChatTurn, ConversationPool
from persona.chat import ReplyDelta, ReplyDone, ReplyEvent
from persona.chat.store import normalise_user
from persona.errors import BackendUnavailable, BadInput, NotFound, PersonaError
from persona.llm import GenerationOptions
from persona.personas import Persona, list_personas, load_persona
from persona.webui.security import LOCAL_HOSTS, LoginGuard

log = logging.getLogger(__name__)

TOKEN_ENV = "PERSONA_SERVE_TOKEN"
MIN_TOKEN_CHARS = 8
MAX_JSON_BYTES = 2 * 1024 * 1024
MAX_AUDIO_BYTES = 25 * 1024 * 1024  # the OpenAI API's own upload limit
MAX_SPEECH_CHARS = 4096  # the OpenAI API's limit on /audio/speech input
MAX_TOKENS_CAP = 4096
OWNER = "robot-persona"
_AUDIO_SUFFIX = re.compile(r"\.(?:wav|mp3|mpga|mpeg|m4a|mp4|ogg|oga|opus|webm|flac|aac)$", re.I)


class ApiError(Exception):
    """An error answered as OpenAI does: an HTTP status and an `error` object."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        kind: str = "invalid_request_error",  # the error's "type"
        param: str | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.kind = kind
        self.param = param
        self.code = code

    def body(self) -> dict[str, Any]:
        return {
            "error": {
                "message": self.message,
                "type": self.kind,
                "param": self.param,
                "code": self.code,
            }
        }


def api_error(exc: BaseException) -> ApiError:
    """The OpenAI-shaped error for anything a request can raise."""
    if isinstance(exc, ApiError):
        return exc
    if isinstance(exc, NotFound):
        return ApiError(404, str(exc), code="not_found")
    if isinstance(exc, BadInput):
        return ApiError(400, str(exc), code="invalid_value")
    if isinstance(exc, BackendUnavailable):
        return ApiError(503, str(exc), kind="server_error", code="backend_unavailable")
    if isinstance(exc, PersonaError):
        return ApiError(500, str(exc), kind="server_error", code="model_error")
    log.error("request failed", exc_info=exc)
    return ApiError(500, "the server failed to answer (see its log)", kind="server_error")


# -- the bind policy ---------------------------------------------------------------------


def check_bind(host: str, port: int, token: str | None) -> None:
    """Loopback may go without a token; any other address needs one (as the UI needs a
    login). Raises `BadInput` before anything loads or listens."""
    if token is not None and len(token) < MIN_TOKEN_CHARS:
        raise BadInput(
            f"--token is {len(token)} characters: use at least {MIN_TOKEN_CHARS} "
            "(anyone who can reach the server can try to guess it)"
        )
    if host not in LOCAL_HOSTS and not token:
        raise BadInput(
            f"--host {host} exposes the robot to the network: add --token SECRET "
            f"(or set {TOKEN_ENV}); clients then send it as their API key"
        )
    if not 0 < port < 65536:
        raise BadInput(f"--port {port} is not a valid port: use 1-65535")


# -- requests (pure) ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class ChatRequest:
    """What a chat completion request asks for, checked."""

    model: str
    text: str
    user: str | None
    fresh: bool
    history: tuple[tuple[str, str], ...]
    stream: bool
    include_usage: bool
    max_tokens: int | None
    temperature: float | None
    top_p: float | None
    seed: int | None


def message_text(content: object, index: int) -> str:
    """A message's text: a string, or the text parts of a list of content parts."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = [
            part.get("text", "")
            for part in content
            if isinstance(part, dict) and part.get("type") == "text"
        ]
        if all(isinstance(p, str) for p in parts):
            return "\n".join(parts)
    raise ApiError(
        400,
        f"messages[{index}].content must be a string or a list of text parts",
        param=f"messages[{index}].content",
        code="invalid_type",
    )


def _number(body: dict, name: str, kind: type, low: float, high: float) -> Any:
    value = body.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float) if kind is float else int):
        raise ApiError(400, f"{name} must be a number", param=name, code="invalid_type")
    if not low <= value <= high:
        raise ApiError(
            400, f"{name} is {value}: use {low:g} to {high:g}", param=name, code="invalid_value"
        )
    return kind(value)


def parse_chat_request(body: object, *, default_model: str) -> ChatRequest:
    """Check a decoded `/v1/chat/completions` body. Pure; raises `ApiError` (400)."""
    if not isinstance(body, dict):
        raise ApiError(400, "the request body must be a JSON object", code="invalid_json")
    model = body.get("model") or default_model
    if not isinstance(model, str):
        raise ApiError(400, "model must be a string", param="model", code="invalid_type")
    messages = body.get("messages")
    if not isinstance(messages, list):
        raise ApiError(400, "messages must be a list", param="messages", code="invalid_type")
    if not messages:
        raise ApiError(
            400, "messages is empty: send at least one message", param="messages", code="empty"
        )
    turns: list[tuple[str, str]] = []
    for index, message in enumerate(messages):
        if not isinstance(message, dict) or not isinstance(message.get("role"), str):
            raise ApiError(
                400,
                f"messages[{index}] must be an object with a role",
                param=f"messages[{index}]",
                code="invalid_type",
            )
        turns.append((message["role"], message_text(message.get("content"), index)))
    last = max((i for i, (role, _) in enumerate(turns) if role == "user"), default=None)
    if last is None:
        raise ApiError(400, "messages holds no user message", param="messages", code="no_user")
    field = "user" if body.get("user") is not None else "safety_identifier"
    user = body.get(field)  # `user` is being renamed `safety_identifier` in OpenAI's API
    if user is not None and not isinstance(user, str):
        raise ApiError(400, f"{field} must be a string", param=field, code="invalid_type")
    n = body.get("n")
    if n not in (None, 1):
        raise ApiError(400, "only n = 1 is supported", param="n", code="unsupported_value")
    options = body.get("stream_options")
    include_usage = isinstance(options, dict) and options.get("include_usage") is True
    max_tokens = _number(body, "max_completion_tokens", int, 1, MAX_TOKENS_CAP)
    if max_tokens is None:
        max_tokens = _number(body, "max_tokens", int, 1, MAX_TOKENS_CAP)
    earlier = turns[:last]
    return ChatRequest(
        model=model,
        text=turns[last][1],
        user=normalise_user(user) or None if user else None,
        fresh=not any(role == "assistant" for role, _ in earlier),
        history=_exchanges(earlier),
        stream=body.get("stream") is True,
        include_usage=include_usage,
        max_tokens=max_tokens,
        temperature=_number(body, "temperature", float, 0.0, 2.0),
        top_p=_number(body, "top_p", float, 0.0, 1.0),
        seed=_number(body, "seed", int, -(2**63), 2**63 - 1),
    )


def _exchanges(turns: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """(user, assistant) pairs, in order; system messages and unanswered ones drop out."""
    pairs: list[tuple[str, str]] = []
    asked: str | None = None
    for role, text in turns:
        if role == "user":
            asked = text
        elif role == "assistant" and asked is not None:
            pairs.append((asked, text))
            asked = None
    return tuple(pairs)


# -- responses (pure) --------------------------------------------------------------------


def model_card(persona_id: str) -> dict[str, Any]:
    return {"id": persona_id, "object": "model", "created": 0, "owned_by": OWNER}


def completion_body(
    *, ident: str, model: str, created: int, text: str, finish: str, usage: dict[str, int]
) -> dict[str, Any]:
    return {
        "id": ident,
        "object": "chat.completion",
        "created": created,
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text},
                "finish_reason": finish,
            }
        ],
        "usage": usage,
    }


def chunk_body(
    *, ident: str, model: str, created: int, delta: dict[str, str], finish: str | None = None
) -> dict[str, Any]:
    return {
        "id": ident,
        "object": "chat.completion.chunk",
        "created": created,
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


def sse(payload: dict[str, Any] | str) -> bytes:
    data = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
    return f"data: {data}\n\n".encode()


def wav_bytes(samples: np.ndarray, sample_rate: int) -> bytes:
    """int16 mono samples as a WAV file."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(sample_rate)
        out.writeframes(np.asarray(samples, dtype="<i2").tobytes())
    return buffer.getvalue()


def _finish_reason(done: ReplyDone | None) -> str:
    return "length" if done is not None and done.finish_reason == "length" else "stop"


# -- the server --------------------------------------------------------------------------


class OpenAIServer:
    """The routes' behaviour, on a `ConversationPool` (and its `Services` for speech)."""

    def __init__(self, pool: ConversationPool, *, default_persona: str) -> None:
        self.pool = pool
        self.default_persona = default_persona

    def persona(self, model: str | None, *, param: str = "model") -> Persona:
        """The persona a model id names. Only listed personas: a client never makes the
        server read a file by naming its path."""
        if model in list_personas():
            return load_persona(model)
        raise ApiError(
            404,
            f"The model '{model}' does not exist: use one of {', '.join(list_personas())}",
            param=param,
            code="model_not_found",
        )

    def options(self, request: ChatRequest) -> GenerationOptions:
        base = self.pool.options
        changes: dict[str, Any] = {}
        if request.max_tokens is not None:
            changes["max_tokens"] = min(request.max_tokens, base.max_tokens)
        if request.temperature is not None:
            changes["temperature"] = request.temperature
        if request.top_p is not None:
            changes["top_p"] = request.top_p
        if request.seed is not None:
            changes["seed"] = request.seed
        return replace(base, **changes)

    def start_chat(
        self, request: ChatRequest, abort: threading.Event
    ) -> tuple[Persona, Iterator[ReplyEvent]]:
        persona = self.persona(request.model)
        turn = ChatTurn(
            persona=persona,
            text=request.text,
            user=request.user,
            fresh=request.fresh,
            history=request.history if request.user is None else (),
            options=self.options(request),
        )
        try:
            return persona, self.pool.start(turn, abort=abort)
        except BadInput as exc:  # the last user message (or its roast profile)
            raise ApiError(400, str(exc), param="messages", code="invalid_value") from None

    def usage(self, done: ReplyDone | None, text: str) -> dict[str, int]:
        prompt = done.prompt_tokens if done is not None else 0
        try:
            completion = self.pool.services.backend(None).count_tokens(text) if text else 0
        except PersonaError:
            completion = 0
        return {
            "prompt_tokens": prompt,
            "completion_tokens": completion,
            "total_tokens": prompt + completion,
        }

    def speak(self, body: object) -> bytes:
        """A `/v1/audio/speech` body -> WAV bytes (blocking: run it off the event loop)."""
        from persona.webui.handlers import speak

        if not isinstance(body, dict):
            raise ApiError(400, "the request body must be a JSON object", code="invalid_json")
        text = body.get("input")
        if not isinstance(text, str) or not text.strip():
            raise ApiError(400, "input is empty: give the text to say", param="input")
        if len(text) > MAX_SPEECH_CHARS:
            raise ApiError(
                400,
                f"input is {len(text):,} characters; the limit is {MAX_SPEECH_CHARS:,}",
                param="input",
                code="string_above_max_length",
            )
        response_format = body.get("response_format") or "wav"
        if response_format != "wav":
            raise ApiError(
                400,
                f"response_format {response_format!r} is not supported: use wav",
                param="response_format",
                code="unsupported_value",
            )
        model, voice = body.get("model"), body.get("voice")
        known = list_personas()
        persona = self.persona(voice if model not in known and voice in known else model)
        spoken = speak(self.pool.services, persona, text, started=time.perf_counter())
        if spoken is None:  # nothing speakable (only an *action*): an empty WAV
            return wav_bytes(np.zeros(0, dtype=np.int16), 22050)
        return wav_bytes(spoken.samples, spoken.sample_rate)

    def transcribe(self, data: bytes, filename: str) -> str:
        """An uploaded recording -> its words (blocking: run it off the event loop)."""
        from persona.webui.handlers import transcribe

        if not data:
            raise ApiError(400, "file is empty: upload a recording", param="file")
        suffix = match.group(0).lower() if (match := _AUDIO_SUFFIX.search(filename)) else ".wav"
        with tempfile.NamedTemporaryFile(prefix="persona-stt-", suffix=suffix, delete=False) as fh:
            fh.write(data)
        text, _ms = transcribe(self.pool.services, Path(fh.name))  # deletes the file
        return text


async def _reply_events(
    events: Iterator[ReplyEvent], abort: threading.Event
) -> AsyncIterator[ReplyEvent]:
    """Run a reply on its own thread and hand its events to the event loop. Leaving the
    loop early (the client disconnected, the task was cancelled) aborts the generation."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[object] = asyncio.Queue()
    end = object()

    def post(item: object) -> None:
        try:
            loop.call_soon_threadsafe(queue.put_nowait, item)
        except RuntimeError:  # the loop is gone (server shutdown): stop generating
            abort.set()

    def work() -> None:
        try:
            for event in events:
                post(event)
                if abort.is_set():
                    break
        except BaseException as exc:  # handed to the request, which answers with it
            post(exc)
        finally:
            close = getattr(events, "close", None)
            if close is not None:
                close()
            post(end)

    threading.Thread(target=work, name="persona-reply", daemon=True).start()
    finished = False
    try:
        while True:
            item = await queue.get()
            if item is end:
                finished = True
                return
            if isinstance(item, BaseException):
                finished = True
                raise item
            yield item
    finally:
        if not finished:
            log.debug("the client left: aborting its reply")
        abort.set()


def create_app(server: OpenAIServer, *, token: str | None = None) -> FastAPI:
    """The FastAPI app: routes, OpenAI-shaped errors, the token check and the body limits."""
    app = FastAPI(title="robot-persona", docs_url=None, redoc_url=None, openapi_url=None)

    def error_response(error: ApiError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if error.status == 401 else None
        return JSONResponse(error.body(), status_code=error.status, headers=headers)

    @app.exception_handler(Exception)
    async def any_error(_request: Request, exc: Exception) -> JSONResponse:
        return error_response(api_error(exc))

    @app.exception_handler(ApiError)
    async def known_error(_request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc)

    @app.exception_handler(PersonaError)
    async def persona_error(_request: Request, exc: PersonaError) -> JSONResponse:
        return error_response(api_error(exc))

    @app.exception_handler(HTTPException)
    async def http_error(_request: Request, exc: HTTPException) -> JSONResponse:
        code = {404: "unknown_url", 405: "method_not_allowed"}.get(exc.status_code)
        return error_response(ApiError(exc.status_code, str(exc.detail), code=code))

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ())[1:]) or None
        message = f"{where}: {first.get('msg', 'invalid')}" if where else "invalid request"
        return error_response(ApiError(400, message, param=where, code="invalid_value"))

    app.add_middleware(_Gate, guard=LoginGuard("api", token) if token else None)

    async def json_body(request: Request) -> object:
        try:
            return json.loads(await request.body())
        except (ValueError, UnicodeDecodeError):
            raise ApiError(400, "the request body is not valid JSON", code="invalid_json") from None

    @app.get("/v1/models")
    async def models() -> dict[str, Any]:
        return {"object": "list", "data": [model_card(pid) for pid in list_personas()]}

    @app.get("/v1/models/{model}")
    async def model(model: str) -> dict[str, Any]:
        return model_card(server.persona(model).id)

    @app.post("/v1/chat/completions")
    async def chat(request: Request) -> Response:
        parsed = parse_chat_request(await json_body(request), default_model=server.default_persona)
        abort = threading.Event()
        persona, events = server.start_chat(parsed, abort)
        ident, created = f"chatcmpl-{uuid.uuid4().hex}", int(time.time())
        if parsed.stream:
            head = {"ident": ident, "created": created, "model": persona.id}
            return StreamingResponse(
                _stream(events, abort, head=head, include_usage=parsed.include_usage),
                media_type="text/event-stream",
                headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
            )
        watcher = asyncio.create_task(_watch_disconnect(request, abort))
        text, done = "", None
        try:
            async for event in _reply_events(events, abort):
                if isinstance(event, ReplyDelta):
                    text += event.text
                elif isinstance(event, ReplyDone):
                    done = event
        finally:
            watcher.cancel()
        text = done.text if done is not None else text
        usage = await asyncio.to_thread(server.usage, done, text)  # may ask a remote server
        return JSONResponse(
            completion_body(
                ident=ident,
                model=persona.id,
                created=created,
                text=text,
                finish=_finish_reason(done),
                usage=usage,
            )
        )

    async def _stream(
        events: Iterator[ReplyEvent],
        abort: threading.Event,
        *,
        head: dict[str, Any],
        include_usage: bool,
    ) -> AsyncIterator[bytes]:
        """SSE chunks as OpenAI sends them: the role first, then the text deltas, then the
        finish reason (then usage, when asked for), then [DONE]. Starlette cancels this when
        the client disconnects, which aborts the generation."""
        yield sse(chunk_body(**head, delta={"role": "assistant", "content": ""}))
        done: ReplyDone | None = None
        text = ""
        try:
            async for event in _reply_events(events, abort):
                if isinstance(event, ReplyDelta):
                    text += event.text
                    yield sse(chunk_body(**head, delta={"content": event.text}))
                elif isinstance(event, ReplyDone):
                    done = event
        except Exception as exc:  # the status is already sent: the error goes inline
            yield sse(api_error(exc).body())
            yield sse("[DONE]")
            return
        yield sse(chunk_body(**head, delta={}, finish=_finish_reason(done)))
        if include_usage:
            usage = await asyncio.to_thread(server.usage, done, done.text if done else text)
            yield sse({**chunk_body(**head, delta={}), "choices": [], "usage": usage})
        yield sse("[DONE]")

    @app.post("/v1/audio/speech")
    async def speech(request: Request) -> Response:
        body = await json_body(request)
        audio = await asyncio.to_thread(server.speak, body)
        return Response(audio, media_type="audio/wav")

    @app.post("/v1/audio/transcriptions")
    async def transcriptions(request: Request) -> Response:
        form = await request.form(max_files=1, max_fields=16)
        try:
            upload = form.get("file")
            if not isinstance(upload, UploadFile):
                raise ApiError(400, "file is missing: upload the recording as `file`", param="file")
            response_format = str(form.get("response_format") or "json")
            if response_format not in ("json", "text"):
                raise ApiError(
                    400,
                    f"response_format {response_format!r} is not supported: use json or text",
                    param="response_format",
                    code="unsupported_value",
                )
            data = await upload.read()
            text = await asyncio.to_thread(server.transcribe, data, upload.filename or "")
        finally:
            await form.close()
        if response_format == "text":
            return PlainTextResponse(text)
        return JSONResponse({"text": text})

    return app


class _Gate:
    """ASGI middleware: the bearer token (when the server has one), then the body limits,
    checked before a route reads anything."""

    def __init__(self, app: Any, *, guard: LoginGuard | None) -> None:
        self.app = app
        self.guard = guard

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        error = await self._check(scope)
        if error is None:
            await self.app(scope, receive, send)
            return
        headers = {"WWW-Authenticate": "Bearer"} if error.status == 401 else None
        response = JSONResponse(error.body(), status_code=error.status, headers=headers)
        await response(scope, receive, send)

    async def _check(self, scope: dict) -> ApiError | None:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if self.guard is not None:
            scheme, _, given = headers.get("authorization", "").partition(" ")
            if scheme.lower() != "bearer" or not self.guard.check("api", given.strip()):
                await asyncio.sleep(self.guard.delay_s)
                return ApiError(
                    401,
                    "Incorrect API key provided: send the server's --token as the API key",
                    code="invalid_api_key",
                )
        if scope["method"] != "POST":
            return None
        limit = MAX_AUDIO_BYTES if scope["path"].endswith("/transcriptions") else MAX_JSON_BYTES
        length = headers.get("content-length", "")
        if not length.isdigit():
            return ApiError(411, "send the request with a Content-Length", code="length_required")
        if int(length) > limit:
            return ApiError(
                413,
                f"the request is {int(length):,} bytes; the limit is {limit:,}",
                code="request_too_large",
            )
        return None


async def _watch_disconnect(request: Any, abort: threading.Event) -> None:
    """Abort a non-streamed reply when its client goes away."""
    while not abort.is_set():
        if await request.is_disconnected():
            log.debug("the client left: aborting its reply")
            abort.set()
            return
        await asyncio.sleep(0.25)
