"""Read and validate scenario YAML files. Every error names the file and line.

The YAML is composed into nodes first (not loaded straight to dicts) so each key and value
keeps its position; the scenario text is data and is never run as a template.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from persona.errors import BadInput, PersonaError
from persona.llm import BACKENDS
from persona.scenarios.assertions import ASSERTIONS, split_negation
from persona.scenarios.model import Assertion, Scenario, Turn

SUFFIX = ".scenario.yaml"
VARIABLE = re.compile(r"\{\{\s*([A-Za-z_][\w-]*)\s*\}\}")
INTENSITIES = ("gentle", "medium", "spicy")

_SCENARIO_KEYS = {
    "id",
    "description",
    "tags",
    "persona",
    "model",
    "backend",
    "seed",
    "temperature",
    "max_tokens",
    "user_id",
    "profile",
    "intensity",
    "roast_candidates",
    "repeat",
    "min_pass_rate",
    "judge",
    "turns",
    "expect_all",
}
_TURN_KEYS = {"user", "audio", "greet", "restart", "roast", "expect", "threshold", "store_as"}
_ASSERTION_KEYS = {"type", "value", "weight"}


class ScenarioError(BadInput):
    """A scenario file that cannot be used; the message starts with `file:line:`."""


def _fail(path: Path, node: yaml.Node | None, message: str) -> ScenarioError:
    line = node.start_mark.line + 1 if node is not None else 1
    return ScenarioError(f"{path}:{line}: {message}")


class _Reader:
    """Turns composed YAML nodes into Python values, failing with the node's line."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self._loader = yaml.SafeLoader(text)

    def root(self) -> yaml.Node | None:
        try:
            return self._loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else 1
            problem = exc.problem or exc.context or "invalid YAML"
            raise ScenarioError(f"{self.path}:{line}: invalid YAML: {problem}") from None
        except yaml.YAMLError as exc:
            raise ScenarioError(f"{self.path}:1: invalid YAML: {exc}") from None

    def value(self, node: yaml.Node) -> Any:
        try:
            return self._loader.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            raise _fail(self.path, node, f"bad value: {exc}") from None

    def mapping(
        self, node: yaml.Node, what: str, allowed: set[str]
    ) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        if not isinstance(node, yaml.MappingNode):
            raise _fail(self.path, node, f"{what} must be a mapping of `key: value`")
        out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key not in allowed:
                hint = ", ".join(sorted(allowed))
                raise _fail(self.path, key_node, f"unknown key {key!r} in {what} (known: {hint})")
            if key in out:
                raise _fail(self.path, key_node, f"duplicate key {key!r} in {what}")
            out[key] = (key_node, value_node)
        return out

    def typed(self, node: yaml.Node, key: str, kinds: tuple[type, ...], what: str) -> Any:
        value = self.value(node)
        if isinstance(value, bool) and bool not in kinds:
            value = None  # YAML `yes` is a bool, never a number or text here
        if not isinstance(value, kinds):
            raise _fail(self.path, node, f"`{key}` must be {what}")
        return value

    def close(self) -> None:
        self._loader.dispose()


def load_scenario(path: str | Path, *, check_persona: bool = True) -> Scenario:
    """Read one scenario file. Raises ScenarioError ("file:line: what to fix")."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioError(f"{path}:1: no such scenario file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError(f"{path}:1: cannot read the file: {exc}") from None
    reader = _Reader(path, text)
    try:
        root = reader.root()
        if root is None:
            raise ScenarioError(f"{path}:1: the file is empty: a scenario needs `id` and `turns`")
        return _scenario(reader, root, check_persona=check_persona)
    except RecursionError:  # thousands of nested [ or {: no scenario looks like that
        raise ScenarioError(f"{path}:1: the YAML is nested too deeply to be a scenario") from None
    finally:
        reader.close()


def _scenario(r: _Reader, root: yaml.Node, *, check_persona: bool) -> Scenario:
    path = r.path
    fields = r.mapping(root, "the scenario", _SCENARIO_KEYS)
    for required in ("id", "turns"):
        if required not in fields:
            raise _fail(path, root, f"the scenario has no `{required}`")
    get = {k: v for k, (_, v) in fields.items()}
    opts: dict[str, Any] = {}

    opts["id"] = str(r.typed(get["id"], "id", (str, int), "a text")).strip()
    if not opts["id"]:
        raise _fail(path, get["id"], "`id` is empty")
    for key in ("description", "model", "user_id"):
        if key in get:
            opts[key] = str(r.typed(get[key], key, (str,), "a text"))
    if "tags" in get:
        tags = r.value(get["tags"])
        tags = [tags] if isinstance(tags, str) else tags
        if not isinstance(tags, list) or not all(isinstance(t, str | int) for t in tags):
            raise _fail(path, get["tags"], "`tags` must be a list of words")
        opts["tags"] = tuple(str(t) for t in tags)
    if "backend" in get:
        backend = r.typed(get["backend"], "backend", (str,), "a text")
        if backend not in BACKENDS:
            raise _fail(
                path, get["backend"], f"unknown backend {backend!r}: use {', '.join(BACKENDS)}"
            )
        opts["backend"] = backend
    for key, low in (("seed", 0), ("max_tokens", 1), ("repeat", 1), ("roast_candidates", 1)):
        if key in get:
            value = r.typed(get[key], key, (int,), "a whole number")
            if value < low:
                raise _fail(path, get[key], f"`{key}` must be at least {low}")
            opts[key] = value
    for key, high in (("temperature", 2.0), ("min_pass_rate", 1.0)):
        if key in get:
            value = float(r.typed(get[key], key, (int, float), "a number"))
            if not 0.0 <= value <= high:
                raise _fail(path, get[key], f"`{key}` must be between 0 and {high}")
            opts[key] = value
    if "judge" in get:
        opts["judge"] = r.typed(get["judge"], "judge", (bool,), "true or false")
    if "intensity" in get:
        intensity = r.typed(get["intensity"], "intensity", (str,), "a text")
        if intensity not in INTENSITIES:
            raise _fail(
                path,
                get["intensity"],
                f"unknown intensity {intensity!r}: use {', '.join(INTENSITIES)}",
            )
        opts["intensity"] = intensity
    if "persona" in get:
        opts["persona"] = str(r.typed(get["persona"], "persona", (str,), "a persona name or file"))
        if check_persona:
            _check_persona(path, get["persona"], opts["persona"])
    if "profile" in get:
        opts["profile"] = _existing_file(r, get["profile"], "profile")

    has_profile = "profile" in opts
    defined: set[str] = set()
    if "expect_all" in get:
        opts["expect_all"] = _assertions(r, get["expect_all"], "expect_all", defined, has_profile)
    turns_node = get["turns"]
    if not isinstance(turns_node, yaml.SequenceNode) or not turns_node.value:
        raise _fail(path, turns_node, "`turns` must be a non-empty list of turns")
    opts["turns"] = tuple(
        _turn(r, node, i + 1, defined, has_profile) for i, node in enumerate(turns_node.value)
    )
    return Scenario(path=path, line=root.start_mark.line + 1, **opts)


def _check_persona(path: Path, node: yaml.Node, name: str) -> None:
    from persona.personas import load_persona

    candidate = (path.parent / name) if not Path(name).is_absolute() else Path(name)
    try:
        load_persona(str(candidate) if candidate.exists() else name)
    except PersonaError as exc:
        raise _fail(path, node, f"persona {name!r}: {exc}") from None


def resolve_persona(scenario: Scenario) -> str | None:
    """The persona argument for `load_persona`: a file next to the scenario, or a name."""
    if scenario.persona is None:
        return None
    candidate = scenario.path.parent / scenario.persona
    return str(candidate) if candidate.exists() else scenario.persona


def _existing_file(r: _Reader, node: yaml.Node, key: str) -> Path:
    raw = r.typed(node, key, (str,), "a file path (relative to the scenario file)")
    file = Path(raw).expanduser()
    file = file if file.is_absolute() else r.path.parent / file
    if not file.exists():
        raise _fail(r.path, node, f"{key} {raw!r} not found (looked for {file})")
    return file


def _turn(r: _Reader, node: yaml.Node, number: int, defined: set[str], has_profile: bool) -> Turn:
    path = r.path
    fields = r.mapping(node, f"turn {number}", _TURN_KEYS)
    get = {k: v for k, (_, v) in fields.items()}
    opts: dict[str, Any] = {"line": node.start_mark.line + 1}
    for key in ("greet", "restart", "roast"):
        if key in get:
            opts[key] = r.typed(get[key], key, (bool,), "true or false")
    if "user" in get:
        opts["user"] = str(r.typed(get["user"], "user", (str, int, float), "a text"))
        _check_variables(path, get["user"], opts["user"], defined)
    if "audio" in get:
        opts["audio"] = _existing_file(r, get["audio"], "audio")
    said = [k for k in ("user", "audio", "greet") if opts.get(k)]
    if len(said) > 1:
        raise _fail(path, node, f"turn {number} has {' and '.join(said)}: give only one")
    if not said and not opts.get("restart"):
        raise _fail(
            path,
            node,
            f"turn {number} needs `user:` text, `audio:` a WAV file, `greet: true`"
            " or `restart: true`",
        )
    if opts.get("roast") and not has_profile:
        raise _fail(path, get["roast"], "`roast: true` needs a `profile:` in the scenario")
    if "expect" in get:
        opts["expect"] = _assertions(
            r, get["expect"], f"turn {number} expect", defined, has_profile
        )
    if "threshold" in get:
        value = float(r.typed(get["threshold"], "threshold", (int, float), "a number"))
        if not 0.0 <= value <= 1.0:
            raise _fail(path, get["threshold"], "`threshold` must be between 0 and 1")
        opts["threshold"] = value
    if "store_as" in get:
        name = r.typed(get["store_as"], "store_as", (str,), "a name")
        if not re.fullmatch(r"[A-Za-z_][\w-]*", name):
            raise _fail(
                path, get["store_as"], f"`store_as` {name!r} must be a simple name like last_reply"
            )
        if not said:
            raise _fail(path, get["store_as"], "`store_as` needs a turn with a reply")
        opts["store_as"] = name
        defined.add(name)  # usable from the next turn on
    return Turn(**opts)


def _check_variables(path: Path, node: yaml.Node, text: str, defined: set[str]) -> None:
    for name in VARIABLE.findall(text):
        if name not in defined:
            known = ", ".join(sorted(defined)) or "none yet"
            raise _fail(
                path,
                node,
                f"`{{{{{name}}}}}` is not stored by an earlier turn (store_as; known: {known})",
            )


def _assertions(
    r: _Reader, node: yaml.Node, what: str, defined: set[str], has_profile: bool
) -> tuple[Assertion, ...]:
    if not isinstance(node, yaml.SequenceNode):
        raise _fail(r.path, node, f"`{what}` must be a list of `- type: NAME` items")
    return tuple(_assertion(r, item, what, defined, has_profile) for item in node.value)


def _assertion(
    r: _Reader, node: yaml.Node, what: str, defined: set[str], has_profile: bool
) -> Assertion:
    path = r.path
    fields = r.mapping(node, f"an assertion in {what}", _ASSERTION_KEYS)
    if "type" not in fields:
        raise _fail(path, node, f"an assertion in {what} has no `type`")
    type_node = fields["type"][1]
    name = r.typed(type_node, "type", (str,), "an assertion type name")
    base, negate = split_negation(name)
    if base not in ASSERTIONS:
        known = ", ".join(sorted(ASSERTIONS))
        raise _fail(
            path,
            type_node,
            f"unknown assertion type {name!r} (known: {known}; any with a not- prefix)",
        )
    kind = ASSERTIONS[base].value
    value_node = fields.get("value", (None, None))[1]
    value = _value(r, value_node, node, name, kind)
    if base == "mentions-profile-fact" and not has_profile:
        raise _fail(path, type_node, f"{name} needs a `profile:` in the scenario")
    for text in _strings(value):
        _check_variables(path, value_node or node, text, defined)
    weight = 1.0
    if "weight" in fields:
        weight = float(r.typed(fields["weight"][1], "weight", (int, float), "a number"))
        if weight < 0:
            raise _fail(path, fields["weight"][1], "`weight` must not be negative")
    return Assertion(
        type=base, value=value, negate=negate, weight=weight, line=node.start_mark.line + 1
    )


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple):
        yield from (v for v in value if isinstance(v, str))


def _value(r: _Reader, node: yaml.Node | None, owner: yaml.Node, name: str, kind: str) -> Any:
    path = r.path
    if node is None:
        if kind in ("none", "optional-int", "optional-texts", "optional-text"):
            return None
        raise _fail(path, owner, f"{name} needs a `value`")
    if kind == "none":
        raise _fail(path, node, f"{name} takes no `value`")
    value = r.value(node)
    if kind in ("text", "optional-text"):
        if not isinstance(value, str | int | float) or isinstance(value, bool) or str(value) == "":
            raise _fail(path, node, f"{name} needs a text `value`")
        return str(value)
    if kind in ("texts", "optional-texts"):
        value = [value] if isinstance(value, str) else value
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(v, str | int) for v in value)
        ):
            raise _fail(path, node, f"{name} needs a list of texts as `value`")
        return tuple(str(v) for v in value)
    if kind in ("int", "optional-int"):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise _fail(path, node, f"{name} needs a whole number `value`")
        return value
    if kind == "number":
        if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
            raise _fail(path, node, f"{name} needs a number `value`")
        return float(value)
    if kind == "regex":
        if not isinstance(value, str):
            raise _fail(path, node, f"{name} needs a regular expression as `value`")
        try:
            re.compile(value)
        except re.error as exc:
            raise _fail(path, node, f"{name}: bad regular expression: {exc}") from None
        return value
    raise AssertionError(f"unknown value kind {kind}")  # a bug in ASSERTIONS, not user input


def find_scenario_files(paths: Iterable[str | Path]) -> list[Path]:
    """Scenario files named by `paths`: files as given, folders searched for *.scenario.yaml."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(path.rglob(f"*{SUFFIX}")))
        elif path.is_file():
            found.append(path)
        else:
            raise ScenarioError(f"{path}:1: no such file or folder")
    return list(dict.fromkeys(found))
