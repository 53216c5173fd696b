"""Loading scenario files: the shipped ones load, and bad ones fail naming file and line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from persona.scenarios import ScenarioError, find_scenario_files, load_scenario

HERE = Path(__file__).resolve().parent
PERSONAS = ("sparky", "percival", "bleep")
BEHAVIOURS = (
    "greeting",
    "ignore-instructions",
    "prompt-secret",
    "remembers-name",
    "roast-grounded",
    "roast-protected",
    "roast-stop",
)


def write(tmp_path: Path, text: str, name: str = "s.scenario.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def error_of(path: Path) -> str:
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    return str(info.value)


def test_every_persona_ships_every_behaviour():
    ids = {load_scenario(p).id for p in find_scenario_files([HERE])}
    assert {f"{p}-{b}" for p in PERSONAS for b in BEHAVIOURS} <= ids


def test_full_format_loads(tmp_path):
    path = write(
        tmp_path,
        """
        id: full
        description: every key
        tags: [a, b]
        persona: percival
        backend: llama
        seed: 3
        temperature: 0.5
        max_tokens: 30
        profile: cards/bo.yaml
        intensity: gentle
        repeat: 2
        min_pass_rate: 0.5
        expect_all:
          - type: not-icontains
            value: as an ai
            weight: 2
        turns:
          - greet: true
            store_as: hello
          - user: "You said {{hello}}"
            roast: false
            threshold: 0.5
            expect:
              - type: not-contains
                value: "{{ hello }}"
              - type: contains-any
                value: [a, b]
          - restart: true
        """,
    )
    # a relative profile path is read from the scenario's folder
    (tmp_path / "cards").mkdir()
    (tmp_path / "cards" / "bo.yaml").write_text("name: Bo\nbio: DJ\n")
    sc = load_scenario(path)
    assert sc.profile == tmp_path / "cards" / "bo.yaml"
    assert (sc.id, sc.tags, sc.persona, sc.seed, sc.repeat) == (
        "full",
        ("a", "b"),
        "percival",
        3,
        2,
    )
    assert sc.expect_all[0].negate and sc.expect_all[0].type == "icontains"
    assert sc.expect_all[0].weight == 2.0 and sc.expect_all[0].line == 14
    greet, said, restart = sc.turns
    assert greet.greet and greet.store_as == "hello" and greet.line == 18
    assert said.user == "You said {{hello}}" and said.roast is False and said.threshold == 0.5
    assert said.expect[1].value == ("a", "b")
    assert restart.restart and not restart.sends_message


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("id: x\nturns:\n  - user: hi\n   bad: [\n", 4, "invalid YAML"),
        (
            "id: x\nturns:\n  - user: hi\n    expect:\n      - type: containz\n        value: a\n",
            5,
            "unknown assertion type 'containz'",
        ),
        (
            "id: x\nturns:\n  - user: hi\n    expect:\n      - type: not-nonsense\n",
            5,
            "unknown assertion type 'not-nonsense'",
        ),
        ("id: x\npersona: nobody-here\nturns:\n  - user: hi\n", 2, "persona 'nobody-here'"),
        (
            "id: x\nprofile: missing/profile.yaml\nturns:\n  - user: hi\n",
            2,
            "profile 'missing/profile.yaml' not found",
        ),
        ("id: x\nturns:\n  - audio: nothing.wav\n", 3, "audio 'nothing.wav' not found"),
        ("id: x\nturns:\n  - user: hi\n    expct: []\n", 4, "unknown key 'expct'"),
        (
            "id: x\nturns:\n  - user: hi\n    expect:\n      - type: contains\n",
            5,
            "contains needs a `value`",
        ),
        (
            "id: x\nturns:\n  - user: hi\n    expect:\n      - type: regex\n        value: '('\n",
            6,
            "bad regular expression",
        ),
        (
            "id: x\nturns:\n  - user: hi\n    expect:\n"
            "      - type: max-words\n        value: lots\n",
            6,
            "whole number",
        ),
        ("id: x\nturns:\n  - user: 'hi {{nope}}'\n", 3, "`{{nope}}` is not stored"),
        (
            "id: x\nturns:\n  - user: hi\n    store_as: a\n  - user: 'x'\n    expect:\n"
            "      - type: contains\n        value: '{{b}}'\n",
            8,
            "`{{b}}` is not stored",
        ),
        (
            "id: x\nturns:\n  - user: hi\n    expect:\n      - type: mentions-profile-fact\n",
            5,
            "needs a `profile:`",
        ),
        ("id: x\nturns:\n  - {}\n", 3, "needs `user:` text"),
        ("id: x\nturns:\n  - user: hi\n    greet: true\n", 3, "give only one"),
        ("id: x\nrepeat: 0\nturns:\n  - user: hi\n", 2, "`repeat` must be at least 1"),
        ("id: x\nmin_pass_rate: 2\nturns:\n  - user: hi\n", 2, "between 0 and 1"),
        ("id: x\nturns: []\n", 2, "non-empty list"),
        ("turns:\n  - user: hi\n", 1, "has no `id`"),
        ("- just\n- a list\n", 1, "must be a mapping"),
        ("", 1, "the file is empty"),
        ("id: x\nid: y\nturns:\n  - user: hi\n", 2, "duplicate key 'id'"),
    ],
)
def test_bad_files_name_file_and_line(tmp_path, text, line, words):
    path = tmp_path / "bad.scenario.yaml"
    path.write_text(text, encoding="utf-8")
    message = error_of(path)
    assert message.startswith(f"{path}:{line}: "), message
    assert words in message
    assert "\n" not in message


def test_missing_file_and_folder(tmp_path):
    assert error_of(tmp_path / "none.scenario.yaml").startswith(
        f"{tmp_path / 'none.scenario.yaml'}:1:"
    )
    with pytest.raises(ScenarioError, match="no such file or folder"):
        find_scenario_files([tmp_path / "nowhere"])


def test_find_scenario_files_searches_folders(tmp_path):
    (tmp_path / "sub").mkdir()
    a = write(tmp_path / "sub", "id: a\nturns:\n  - greet: true\n", "a.scenario.yaml")
    write(tmp_path, "not: a scenario\n", "other.yaml")
    assert find_scenario_files([tmp_path, a]) == [a]


def test_plugin_and_loader_agree_on_the_file_suffix():
    from persona.scenarios import loader, pytest_plugin

    assert pytest_plugin.SUFFIX == loader.SUFFIX == ".scenario.yaml"
