"""A backend that talks to an OpenAI-compatible server (vLLM, llama.cpp server, Ollama)
over HTTP, streaming the reply as server-sent events."""

from __future__ import annotations

import contextlib
import json
import logging
import socket
import threading
import time
from collections.abc import Iterator, Sequence
from typing import Any

import httpx

from persona.errors import BackendUnavailable, BadInput
from persona.llm.base import BackendConfig, GenerationOptions, Message, TextDelta
from persona.llm.stop_strings import StopStringFilter

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "http://127.0.0.1:8080/v1"
_BACKOFF_S = 0.25
_ABORT_POLL_S = 0.05
_TOKENIZE_TIMEOUT_S = 10.0
_DONE = object()


def parse_sse_line(line: str) -> dict[str, Any] | object | None:
    """One line of an SSE stream -> a JSON payload, `_DONE`, or None (comments, blanks,
    other fields, or a payload that is not JSON)."""
    line = line.strip()
    if not line.startswith("data:"):
        return None
    data = line[5:].strip()
    if data == "[DONE]":
        return _DONE
    try:
        payload = json.loads(data)
    except ValueError:
        log.debug("ignoring non-JSON SSE data: %.80s", data)
        return None
    return payload if isinstance(payload, dict) else None


def chunk_delta(payload: dict[str, Any]) -> tuple[str, str | None]:
    """The text and finish_reason in one chat.completion.chunk, tolerating missing parts
    (the first chunk may carry only the role, the last may have no content)."""
    choices = payload.get("choices") or []
    if not choices or not isinstance(choices[0], dict):
        return "", None
    choice = choices[0]
    delta = choice.get("delta") or {}
    text = delta.get("content") if isinstance(delta, dict) else None
    return (text if isinstance(text, str) else ""), choice.get("finish_reason")


class OpenAIBackend:
    """Chat through `POST {base_url}/chat/completions` with `stream: true`."""

    name = "openai"

    def __init__(
        self,
        client: httpx.Client,
        *,
        base_url: str,
        model: str,
        context_length: int,
        retries: int,
    ) -> None:
        self._client = client
        self.base_url = base_url
        self.model = model
        self.context_length = context_length
        self._retries = max(0, retries)
        self._tokenize_path: str | None = ""  # "" = not found yet

    @classmethod
    def load(cls, config: BackendConfig) -> OpenAIBackend:
        """Connect and check the server answers; without `config.model` use its first model."""
        base_url = (config.base_url or DEFAULT_BASE_URL).rstrip("/")
        url = httpx.URL(base_url) if "://" in base_url else None
        if url is None or url.scheme not in ("http", "https") or not url.host:
            raise BadInput(
                f"--base-url {base_url!r} is not a server URL: use http(s)://host[:port]/v1"
            )
        headers = {"Authorization": f"Bearer {config.api_key}"} if config.api_key else {}
        timeout = httpx.Timeout(config.timeout_s, connect=min(config.timeout_s, 10.0))
        client = httpx.Client(timeout=timeout, headers=headers)
        backend = cls(
            client,
            base_url=base_url,
            model=config.model or "",
            context_length=config.n_ctx,
            retries=config.retries,
        )
        try:
            listing = backend._request("GET", "/models").json()
        except ValueError:
            listing = None
        except BackendUnavailable:
            client.close()
            raise
        models = listing.get("data") if isinstance(listing, dict) else None
        if not isinstance(models, list):
            client.close()
            raise BackendUnavailable(
                f"{base_url} is not an OpenAI-compatible server (no model list at /models):"
                " fix --base-url (it usually ends in /v1)"
            )
        if not backend.model:
            first = models[0] if models and isinstance(models[0], dict) else {}
            backend.model = str(first.get("id", ""))
        return backend

    # --- protocol -----------------------------------------------------------------------

    def stream_chat(
        self,
        messages: Sequence[Message],
        options: GenerationOptions,
        abort: threading.Event | None = None,
    ) -> Iterator[TextDelta]:
        """Lazily stream the reply; the request is sent on the first `next()`."""
        body: dict[str, Any] = {
            "model": self.model,
            "messages": [m.to_dict() for m in messages],
            "stream": True,
            "max_tokens": options.max_tokens,
            "temperature": options.temperature,
            "top_p": options.top_p,
        }
        if options.seed is not None:
            body["seed"] = options.seed
        if options.stop:
            body["stop"] = list(options.stop)
        if options.grammar:
            body["grammar"] = options.grammar  # llama.cpp's server; others ignore it
        stops = StopStringFilter(options.stop)
        if abort is not None and abort.is_set():
            yield TextDelta("", finish_reason="abort")
            return
        response = self._open_stream(body)
        done = threading.Event()
        if abort is not None:  # close the socket on abort even while waiting for a token
            threading.Thread(
                target=_close_on_abort, args=(response, abort, done), daemon=True
            ).start()
        finish: str | None = None
        try:
            for line in response.iter_lines():
                if abort is not None and abort.is_set():
                    break
                payload = parse_sse_line(line)
                if payload is _DONE:
                    break
                if not isinstance(payload, dict):
                    continue
                if "error" in payload:
                    raise BackendUnavailable(
                        f"the LLM server at {self.base_url} failed: {_error_text(payload)}"
                    )
                text, reason = chunk_delta(payload)
                text = stops.feed(text)
                if text:
                    yield TextDelta(text)
                if stops.stopped:
                    finish = "stop"
                    break
                if reason:
                    finish = "length" if reason == "length" else "stop"
        except (httpx.HTTPError, httpx.StreamError):
            if abort is None or not abort.is_set():
                raise BackendUnavailable(
                    f"the LLM server at {self.base_url} dropped the connection: check it is running"
                ) from None
        finally:
            done.set()
            response.close()
        if abort is not None and abort.is_set() and finish != "stop":
            yield TextDelta("", finish_reason="abort")
            return
        yield TextDelta(stops.flush(), finish_reason=finish or "stop")

    def count_tokens(self, text: str) -> int:
        """The server's tokenizer when it offers one (llama.cpp), else about 4 chars a token."""
        if self._tokenize_path is not None:  # None: the server has no tokenize endpoint
            known = self._tokenize_path
            for path in (known,) if known else ("/extras/tokenize", "/tokenize"):
                try:
                    n = self._tokenize(path, text)
                except (httpx.HTTPError, ValueError):
                    break  # busy or gone: estimate now, ask again next time
                if n is not None:
                    self._tokenize_path = path
                    return n
            else:
                if not known:
                    self._tokenize_path = None
        return max(1, (len(text) + 3) // 4) if text else 0

    def close(self) -> None:
        self._client.close()

    # --- HTTP ---------------------------------------------------------------------------

    def _unreachable(self) -> BackendUnavailable:
        return BackendUnavailable(
            f"cannot reach the LLM server at {self.base_url}: start it or fix --base-url"
        )

    def _with_retries(self, send: Any) -> httpx.Response:
        """Call `send()`, retrying connect errors and 5xx answers with exponential backoff."""
        for attempt in range(self._retries + 1):
            last = attempt == self._retries
            try:
                response = send()
            except (httpx.ConnectError, httpx.ConnectTimeout):
                if last:
                    raise self._unreachable() from None
            except httpx.TimeoutException:
                raise BackendUnavailable(
                    f"the LLM server at {self.base_url} timed out: check it or raise the timeout"
                ) from None
            else:
                if response.status_code < 500 or last:
                    return self._checked(response)
                response.close()
            log.debug("LLM server retry %d after error", attempt + 1)
            time.sleep(_BACKOFF_S * 2**attempt)
        raise self._unreachable()  # pragma: no cover - loop always returns or raises

    def _checked(self, response: httpx.Response) -> httpx.Response:
        if response.status_code >= 400:
            try:
                response.read()
                try:
                    detail = _error_text(response.json())
                except ValueError:
                    detail = " ".join(response.text.split())[:200]
            except httpx.HTTPError:
                detail = ""
            response.close()
            raise BackendUnavailable(
                f"the LLM server at {self.base_url} answered HTTP {response.status_code}"
                f"{': ' + detail if detail else ''}: check --model and --api-key"
            )
        return response

    def _request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        url = self.base_url + path
        return self._with_retries(lambda: self._client.request(method, url, **kwargs))

    def _open_stream(self, body: dict[str, Any]) -> httpx.Response:
        url = self.base_url + "/chat/completions"

        def send() -> httpx.Response:
            request = self._client.build_request("POST", url, json=body)
            return self._client.send(request, stream=True)

        return self._with_retries(send)

    def _server_root(self) -> str:
        root = self.base_url
        return root[: -len("/v1")] if root.endswith("/v1") else root

    def _tokenize(self, path: str, text: str) -> int | None:
        body = {"input": text} if path == "/extras/tokenize" else {"content": text}
        response = self._client.post(
            self._server_root() + path, json=body, timeout=_TOKENIZE_TIMEOUT_S
        )
        if response.status_code != 200:
            return None
        tokens = response.json().get("tokens")
        return len(tokens) if isinstance(tokens, list) else None


def _close_on_abort(
    response: httpx.Response, abort: threading.Event, done: threading.Event
) -> None:
    """Close `response` as soon as `abort` is set, unless the stream finished first."""
    while not done.is_set():
        if abort.wait(_ABORT_POLL_S):
            if not done.is_set():
                # A blocked read only wakes when the socket itself is shut down.
                stream = response.extensions.get("network_stream")
                sock = stream.get_extra_info("socket") if stream is not None else None
                if sock is not None:
                    with contextlib.suppress(OSError):
                        sock.shutdown(socket.SHUT_RDWR)
            return


def _error_text(payload: Any) -> str:
    """A one-line summary of an OpenAI-style error body."""
    error = payload.get("error", payload) if isinstance(payload, dict) else payload
    message = error.get("message", "") if isinstance(error, dict) else str(error)
    return " ".join(str(message).split())[:200]
