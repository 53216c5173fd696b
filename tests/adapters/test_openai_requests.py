"""The OpenAI adapter's pure parts: request checks, the bind policy, and the thread bridge
that aborts a reply when its client leaves."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from persona.adapters.openai_server import (
    ApiError,
    _reply_events,
    api_error,
    check_bind,
    parse_chat_request,
)
from persona.errors import BackendUnavailable, BadInput, NotFound


def parse(**body):
    return parse_chat_request(body, default_model="sparky")


def test_the_last_user_message_is_sent_and_earlier_ones_are_history():
    request = parse(
        model="bleep",
        user="  ada  ",
        messages=[
            {"role": "system", "content": "You are a pirate."},
            {"role": "user", "content": "Hi, I'm Ada."},
            {"role": "assistant", "content": "Beep!"},
            {"role": "user", "content": [{"type": "text", "text": "And you?"}]},
        ],
    )
    assert (request.model, request.text, request.user) == ("bleep", "And you?", "ada")
    assert request.history == (("Hi, I'm Ada.", "Beep!"),)
    assert not request.fresh  # an assistant turn came before: the conversation goes on


def test_a_first_message_starts_fresh_and_defaults_apply():
    request = parse(messages=[{"role": "user", "content": "Hello"}], safety_identifier="bo")
    assert request.fresh and request.model == "sparky" and request.user == "bo"
    assert not request.stream and request.max_tokens is None
    assert parse(messages=[{"role": "user", "content": "x"}], user="   ").user is None


@pytest.mark.parametrize(
    ("body", "param"),
    [
        ({"messages": []}, "messages"),
        ({"messages": "hello"}, "messages"),
        ({"messages": [{"role": "assistant", "content": "hi"}]}, "messages"),
        ({"messages": [{"content": "hi"}]}, "messages[0]"),
        ({"messages": [{"role": "user", "content": 5}]}, "messages[0].content"),
        ({"messages": [{"role": "user", "content": "hi"}], "n": 2}, "n"),
        ({"messages": [{"role": "user", "content": "hi"}], "temperature": 9}, "temperature"),
        ({"messages": [{"role": "user", "content": "hi"}], "max_tokens": 0}, "max_tokens"),
        ({"messages": [{"role": "user", "content": "hi"}], "user": 5}, "user"),
    ],
)
def test_bad_requests_name_the_field(body, param):
    with pytest.raises(ApiError) as caught:
        parse(**body)
    assert caught.value.status == 400 and caught.value.param == param
    assert set(caught.value.body()["error"]) == {"message", "type", "param", "code"}


def test_errors_map_to_openai_statuses():
    assert api_error(BadInput("x")).status == 400
    assert api_error(NotFound("x")).status == 404
    assert api_error(BackendUnavailable("x")).status == 503
    server = api_error(RuntimeError("secret detail"))
    assert server.status == 500 and "secret" not in server.message


def test_only_loopback_goes_without_a_token():
    check_bind("127.0.0.1", 8000, None)
    check_bind("0.0.0.0", 8000, "long-enough-token")
    with pytest.raises(BadInput, match="--token"):
        check_bind("0.0.0.0", 8000, None)
    with pytest.raises(BadInput, match="at least 8"):
        check_bind("127.0.0.1", 8000, "short")
    with pytest.raises(BadInput, match="port"):
        check_bind("127.0.0.1", 0, None)


def test_a_consumer_that_leaves_aborts_the_reply():
    abort = threading.Event()
    produced = []

    def slow_events():
        for i in range(1000):
            if abort.is_set():
                return
            produced.append(i)
            time.sleep(0.005)
            yield i

    async def take_one():
        async for _event in _reply_events(slow_events(), abort):
            break  # the client disconnected

    asyncio.run(take_one())
    assert abort.is_set()
    time.sleep(0.05)
    assert len(produced) < 50
