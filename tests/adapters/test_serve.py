"""`persona serve` driven by the official `openai` package, as a chat front end would."""

from __future__ import annotations

import subprocess
import sys

import openai
import pytest

from persona.chat.guards import identity_problems

from .servers import ROOT, TOKEN, read_wav, words

pytestmark = pytest.mark.slow

OTHER_NAMES = {"sparky": ("Bleep", "Percival"), "percival": ("Sparky", "Bleep")}


@pytest.fixture(scope="module")
def client(serve_server):
    return openai.OpenAI(base_url=serve_server.url, api_key=TOKEN, max_retries=0, timeout=120)


def say(client, text: str, *, model: str = "sparky", **extra):
    return client.chat.completions.create(
        model=model, messages=[{"role": "user", "content": text}], **extra
    )


def assert_in_persona(text: str, persona: str) -> None:
    assert text.strip(), "empty reply"
    assert not identity_problems(text, persona_names=(persona.capitalize(), persona)), text
    assert not any(name in text for name in OTHER_NAMES[persona]), text


def assert_openai_error(exc: openai.APIStatusError, status: int) -> dict:
    """The error object of an OpenAI-shaped error body, checked."""
    assert exc.status_code == status
    body = exc.response.json()
    assert set(body) == {"error"}, body
    error = body["error"]
    assert set(error) == {"message", "type", "param", "code"}
    assert exc.body == error  # what the client read from it
    assert error["message"] and error["type"]
    return error


def test_models_are_the_personas(client):
    ids = [model.id for model in client.models.list()]
    assert ids[0] == "sparky"
    assert {"sparky", "bleep", "percival"} <= set(ids)
    assert client.models.retrieve("percival").id == "percival"


def test_a_reply_comes_in_persona(client):
    reply = say(client, "Hello! How are you today?")
    assert reply.object == "chat.completion"
    assert reply.model == "sparky"
    assert reply.choices[0].finish_reason in ("stop", "length")
    assert reply.usage.prompt_tokens > 0 and reply.usage.completion_tokens > 0
    assert_in_persona(reply.choices[0].message.content, "sparky")


def test_a_streamed_reply_arrives_as_chunks(client):
    stream = say(
        client,
        "Tell me about your favourite book.",
        model="percival",
        stream=True,
        stream_options={"include_usage": True},
    )
    chunks = list(stream)
    assert chunks[0].choices[0].delta.role == "assistant"
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    finishes = [c.choices[0].finish_reason for c in chunks if c.choices]
    assert finishes[-1] in ("stop", "length") and not any(finishes[:-1])
    assert chunks[-1].usage is not None and chunks[-1].usage.completion_tokens > 0
    assert {c.id for c in chunks} == {chunks[0].id}
    assert_in_persona(text, "percival")


def test_memory_follows_the_user_field(client):
    say(client, "Hi there, my name is Zelda.", user="memory-test-user")
    recalled = say(client, "What is my name?", user="memory-test-user")
    assert "Zelda" in recalled.choices[0].message.content
    stranger = say(client, "What is my name?", user="someone-else")
    anonymous = say(client, "What is my name?")
    assert "Zelda" not in stranger.choices[0].message.content
    assert "Zelda" not in anonymous.choices[0].message.content


def test_an_anonymous_request_keeps_nothing(client, serve_server):
    import sqlite3

    say(client, "Hello, my name is Quentin.")
    with sqlite3.connect(serve_server.db) as db:
        rows = db.execute("SELECT user, value FROM memory").fetchall()
        users = {u for (u,) in db.execute("SELECT user FROM conversations")}
    assert all(value != "Quentin" for _, value in rows)
    assert "anonymous" not in users and "guest" not in users


def test_roast_mode_asks_first_then_roasts(client):
    messages = [
        {"role": "user", "content": "/roast I'm a dentist who runs marathons and owns four cats."}
    ]
    kwargs = {"model": "sparky", "user": "roast-test-user"}
    asked = client.chat.completions.create(messages=messages, **kwargs)
    question = asked.choices[0].message.content
    assert "roast" in question.lower() and "yes" in question.lower()
    messages += [{"role": "assistant", "content": question}, {"role": "user", "content": "yes"}]
    roast = client.chat.completions.create(messages=messages, **kwargs).choices[0].message.content
    assert any(w in roast.lower() for w in ("dentist", "marathon", "cat")), roast
    messages += [{"role": "assistant", "content": roast}, {"role": "user", "content": "stop"}]
    ended = client.chat.completions.create(messages=messages, **kwargs).choices[0].message.content
    assert ended and ended != roast


def test_an_unknown_model_is_not_found(client):
    with pytest.raises(openai.NotFoundError) as caught:
        say(client, "hello", model="gpt-4o")
    error = assert_openai_error(caught.value, 404)
    assert error["code"] == "model_not_found" and "sparky" in error["message"]


def test_empty_messages_are_a_bad_request(client):
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(model="sparky", messages=[])
    assert assert_openai_error(caught.value, 400)["param"] == "messages"


def test_a_one_megabyte_message_is_a_bad_request(client):
    with pytest.raises(openai.BadRequestError) as caught:
        say(client, "x" * 1_000_000)
    assert "too long" in assert_openai_error(caught.value, 400)["message"]


def test_a_wrong_token_is_refused(serve_server):
    wrong = openai.OpenAI(base_url=serve_server.url, api_key="not-the-token", max_retries=0)
    with pytest.raises(openai.AuthenticationError) as caught:
        wrong.models.list()
    assert assert_openai_error(caught.value, 401)["code"] == "invalid_api_key"
    with pytest.raises(openai.AuthenticationError):
        say(wrong, "hello")


def test_speech_is_a_wav_in_the_persona_voice(client):
    response = client.audio.speech.create(
        model="sparky", voice="alloy", input="Hello there, my friend.", response_format="wav"
    )
    samples, rate, channels = read_wav(response.read())
    assert channels == 1 and rate >= 16000
    assert samples.size > rate // 2 and abs(samples.astype(float)).max() > 1000


def test_a_transcription_returns_the_words(client, espeak_wav):
    path = espeak_wav("Please turn on the kitchen lights.")
    with open(path, "rb") as fh:
        result = client.audio.transcriptions.create(model="whisper-1", file=fh)
    assert {"turn", "kitchen", "lights"} <= words(result.text), result.text


def test_an_open_bind_needs_a_token(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "PERSONA_HOME": str(tmp_path), "HOME": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-m", "persona", "serve", "--host", "0.0.0.0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("error: --host 0.0.0.0 exposes the robot to the network")
    assert "Traceback" not in proc.stderr
