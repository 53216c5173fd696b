"""Built-in personas, the persona file format and system-prompt rendering."""

from __future__ import annotations

import dataclasses
import json

import pytest

from persona.errors import BadInput, NotFound
from persona.personas import (
    Persona,
    VoiceSpec,
    list_personas,
    load_persona,
    render_greeting,
    render_post_history,
    render_system_prompt,
    render_template,
    substitute_macros,
)

BUILTINS = ("sparky", "percival", "bleep")


def test_builtins_listed_default_first():
    names = list_personas()
    assert names[0] == "sparky"
    assert set(BUILTINS) <= set(names)


@pytest.mark.parametrize("pid", BUILTINS)
def test_builtin_loads_and_renders(pid):
    persona = load_persona(pid)
    assert persona.id == pid
    assert persona.name.lower() == pid
    assert persona.wake_phrase == f"hey {pid}"
    assert persona.greetings and persona.roast_style and persona.banned_topics
    assert 2 <= len(persona.example_dialogue) <= 3
    assert all(role in ("user", "char") for d in persona.example_dialogue for role, _ in d)
    prompt = render_system_prompt(persona, user_name="Ada", memory=["Ada likes tea"])
    assert prompt.startswith(f"You are {persona.name}.")
    assert "Ada likes tea" in prompt
    assert "You are talking with Ada." in prompt
    assert f"under {persona.max_reply_chars} characters" in prompt
    assert "language model" in prompt  # the never-say-you-are-an-AI rule
    for topic in persona.banned_topics:
        assert topic in prompt
    user_line, char_line = persona.example_dialogue[0][0][1], persona.example_dialogue[0][1][1]
    assert f"User: {user_line}" in prompt
    assert f"{persona.name}: {char_line}" in prompt
    assert "{{" not in prompt and "{%" not in prompt  # every macro and tag was filled
    # Frozen, keyword-only.
    with pytest.raises(dataclasses.FrozenInstanceError):
        persona.name = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Persona("x", "X")  # type: ignore[misc]


def test_default_is_sparky_and_voices():
    assert load_persona(None).id == "sparky"
    assert load_persona("  ").id == "sparky"
    assert load_persona("Percival").id == "percival"
    assert load_persona("bleep").voice.tts == "beeps"
    assert load_persona("sparky").voice.tts == VoiceSpec().tts == "piper-joe-medium"


def test_bleep_examples_are_beeps_with_translation():
    for dialogue in load_persona("bleep").example_dialogue:
        reply = dialogue[-1][1]
        assert reply.startswith("*") and "[Translation:" in reply and reply.endswith("]")


def test_unknown_persona_lists_available():
    with pytest.raises(NotFound) as info:
        load_persona("nobody")
    message = str(info.value)
    assert "nobody" in message and all(pid in message for pid in BUILTINS)
    with pytest.raises(NotFound):
        load_persona("/no/such/file.yaml")


def test_include_examples_false_drops_examples():
    persona = load_persona("percival")
    with_examples = render_system_prompt(persona)
    without = render_system_prompt(persona, include_examples=False)
    example = persona.example_dialogue[0][1][1]
    assert example in with_examples
    assert example not in without
    assert "Example conversation" not in without
    assert without.startswith("You are Percival.")


def test_no_user_no_memory_sections():
    prompt = render_system_prompt(load_persona("sparky"))
    assert "talking with" not in prompt
    assert "What you remember" not in prompt


def test_macros_substituted_at_render_time():
    persona = Persona(
        id="m",
        name="Robo",
        description="{{char}} helps {{ USER }}. <BOT> likes <user>.",
        greetings=("Hi {{user}}, I am {{Char}}.",),
        example_dialogue=((("user", "Hi {{char}}"), ("char", "Hello {{user}}")),),
        post_history_instructions="Stay as {{char}} talking to {{user}}.",
    )
    assert persona.description.startswith("{{char}}")  # stored raw
    prompt = render_system_prompt(persona, user_name="Ada")
    assert "Robo helps Ada. Robo likes Ada." in prompt
    assert "User: Hi Robo" in prompt and "Robo: Hello Ada" in prompt
    assert render_greeting(persona, user_name="Ada") == "Hi Ada, I am Robo."
    assert render_post_history(persona, "Ada") == "Stay as Robo talking to Ada."
    assert render_post_history(dataclasses.replace(persona, post_history_instructions=None)) == ""
    assert "Robo helps the user." in render_system_prompt(persona)
    assert substitute_macros("{{user}}", char="C", user="friend") == "friend"


def test_card_text_is_data_not_template():
    nasty = "{{ ''.__class__.__mro__ }} {% for x in range(3) %}loop{% endfor %} {# c #}"
    persona = Persona(
        id="n",
        name="N",
        description=nasty,
        system_prompt="{{ config }} {% raw %}",
        example_dialogue=((("user", "{{ 7*7 }}"), ("char", "{% if true %}yes{% endif %}")),),
    )
    prompt = render_system_prompt(persona, memory=["{{ 6*7 }}"], user_name="{{ lipsum }}")
    assert nasty in prompt
    assert "{{ config }} {% raw %}" in prompt
    assert "User: {{ 7*7 }}" in prompt and "N: {% if true %}yes{% endif %}" in prompt
    assert "{{ 6*7 }}" in prompt and "talking with {{ lipsum }}" in prompt
    assert "49" not in prompt and "42" not in prompt and "looploop" not in prompt


@pytest.fixture
def prompts_root(tmp_path, monkeypatch):
    root = tmp_path / "prompts"
    (root / "personas").mkdir(parents=True)
    monkeypatch.setenv("PERSONA_PROMPTS_DIR", str(root))
    return root


def test_render_template_sandboxed_and_strict(prompts_root):
    (prompts_root / "t.j2").write_text("Hello {{ who }}\n{% if x %}\nx\n{% endif %}\n")
    assert render_template("t.j2", who="Ada", x=True) == "Hello Ada\nx"
    with pytest.raises(BadInput, match="who"):
        render_template("t.j2", x=False)
    (prompts_root / "evil.j2").write_text("{{ ''.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(BadInput):
        render_template("evil.j2")
    (prompts_root / "mut.j2").write_text("{{ items.append(1) }}")
    with pytest.raises(BadInput):
        render_template("mut.j2", items=[])
    with pytest.raises(NotFound):
        render_template("missing.j2")


GOOD = """\
id: tester
name: Tester
description: A test robot.
greetings: ["Hi"]
example_dialogue:
  - - user: "Hi"
    - char: "Hello"
voice: {tts: beeps, speed: 1.5}
max_reply_chars: 200
"""


def test_yaml_file_loads_by_path_and_name(prompts_root, tmp_path):
    path = tmp_path / "tester.yaml"
    path.write_text(GOOD)
    persona = load_persona(str(path))
    assert persona.voice == VoiceSpec(tts="beeps", speed=1.5)
    assert persona.example_dialogue == ((("user", "Hi"), ("char", "Hello")),)
    assert persona.source == str(path)
    (prompts_root / "personas" / "tester.yaml").write_text(GOOD)
    assert list_personas() == ["tester"]
    assert load_persona("tester") == persona.__class__(
        **{f.name: getattr(persona, f.name) for f in dataclasses.fields(persona)}
        | {"source": str(prompts_root / "personas" / "tester.yaml")}
    )


@pytest.mark.parametrize(
    ("text", "field"),
    [
        (GOOD.replace("speed: 1.5", "speed: fast"), "voice.speed"),
        (GOOD.replace("max_reply_chars: 200", "max_reply_chars: many"), "max_reply_chars"),
        (GOOD + "colour: red\n", "colour"),
        (GOOD.replace("name: Tester", "name: ''"), "name"),
        (GOOD.replace('- char: "Hello"', '- robot: "Hello"'), "example_dialogue[0][1]"),
        (GOOD.replace('greetings: ["Hi"]', "greetings: {a: 1}"), "greetings"),
        (GOOD.replace("id: tester", "id: 'Bad Id!'"), "id"),
        ("- just\n- a list\n", "top level"),
    ],
)
def test_bad_yaml_names_file_and_field(tmp_path, text, field):
    path = tmp_path / "broken.yaml"
    path.write_text(text)
    with pytest.raises(BadInput) as info:
        load_persona(str(path))
    assert "broken.yaml" in str(info.value)
    assert field in str(info.value)
    assert "\n" not in str(info.value)


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    path = tmp_path / "syntax.yaml"
    path.write_text("name: [unclosed\nid: x\n")
    with pytest.raises(BadInput, match=r"syntax\.yaml: invalid YAML at line \d+"):
        load_persona(str(path))


def test_example_messages_are_chat_turns():
    from persona.personas import example_messages

    persona = load_persona("bleep")
    messages = example_messages(persona, user_name="Ada")
    flat = [turn for dialogue in persona.example_dialogue for turn in dialogue]
    assert [m.role for m in messages] == [
        "user" if role == "user" else "assistant" for role, _ in flat
    ]
    assert [m.content for m in messages] == [text for _, text in flat]
    robo = Persona(id="r", name="Robo", example_dialogue=((("user", "hi {{char}}"),),))
    assert example_messages(robo, user_name="Ada")[0].content == "hi Robo"


def test_json_persona_file_and_user_folder(tmp_path, monkeypatch):
    home = tmp_path / "myhome"
    monkeypatch.setenv("PERSONA_HOME", str(home))
    (home / "personas").mkdir(parents=True)
    data = {"name": "Json Bot", "greetings": ["hey"], "voice": {"tts": "beeps"}}
    (home / "personas" / "jsonbot.json").write_text(json.dumps(data))
    assert "jsonbot" in list_personas()
    persona = load_persona("jsonbot")
    assert (persona.id, persona.name, persona.voice.tts) == ("jsonbot", "Json Bot", "beeps")
    # A built-in wins over a user file with the same name.
    (home / "personas" / "sparky.json").write_text(json.dumps({"name": "Impostor"}))
    assert load_persona("sparky").name == "Sparky"
