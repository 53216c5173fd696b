"""Character cards: V1/V2/V3 JSON and PNG import, export and round trips."""

from __future__ import annotations

import base64
import dataclasses
import io
import json
import struct
import zlib

import pytest
from PIL import Image, PngImagePlugin

from persona.errors import BadInput, NotFound
from persona.personas import cards as cards_module
from persona.personas import (
    export_card,
    import_card,
    load_persona,
    render_greeting,
    render_post_history,
    render_system_prompt,
)

MARKER = "CREATOR-NOTES-MARKER-7f3a"

MES_EXAMPLE = (
    "<START>\n{{user}}: Hi there\n{{char}}: Ahoy, {{user}}!\nSecond line.\n"
    "<start>\n<USER>: Where to?\n<BOT>: The sea.\nCaptain Gear: Always the sea."
)


def v2_data(**overrides):
    data = {
        "name": "Captain Gear",
        "description": "{{char}} is a clockwork pirate robot.",
        "personality": "bold, loud",
        "scenario": "On a ship with {{user}}.",
        "first_mes": "Ahoy {{user}}!",
        "mes_example": MES_EXAMPLE,
        "creator_notes": MARKER,
        "system_prompt": "Talk like a pirate. {{original}}",
        "post_history_instructions": "Stay a pirate, {{char}}.",
        "alternate_greetings": ["Yarr, {{user}}.", "Land ho!"],
        "tags": ["pirate", "robot"],
        "creator": "someone",
        "character_version": "1.2",
        "character_book": {"entries": [{"keys": ["sea"], "content": "The sea is big."}]},
        "extensions": {"depth_prompt": {"prompt": "x", "depth": 4}, "fav": True},
        "mystery_field": {"nested": [1, 2, 3]},
    }
    data.update(overrides)
    return data


def v2_card(**overrides):
    return {"spec": "chara_card_v2", "spec_version": "2.0", "data": v2_data(**overrides)}


def v3_card(**overrides):
    data = v2_data(**overrides)
    data.update(
        nickname="Cap", group_only_greetings=[], assets=[{"type": "icon", "uri": "ccdefault:"}]
    )
    return {"spec": "chara_card_v3", "spec_version": "3.0", "data": data}


def b64(card) -> str:
    return base64.b64encode(json.dumps(card).encode("utf-8")).decode("ascii")


def pillow_png(path, texts=(), itxt=(), size=(8, 6), color=(200, 30, 30)):
    """A card PNG written by Pillow (an independent PNG writer)."""
    info = PngImagePlugin.PngInfo()
    for key, value in texts:
        info.add_text(key, value)
    for key, value in itxt:
        info.add_itxt(key, value, zip=True)
    Image.new("RGB", size, color).save(path, pnginfo=info)
    return path


def assert_marker_absent(persona):
    for user in (None, "Ada"):
        for examples in (True, False):
            prompt = render_system_prompt(
                persona, user_name=user, memory=["fact"], include_examples=examples
            )
            assert MARKER not in prompt
        assert MARKER not in render_post_history(persona, user)
        for i in range(len(persona.greetings)):
            assert MARKER not in render_greeting(persona, user_name=user, index=i)


def test_v1_flat_json(tmp_path):
    card = {
        "name": "Old Bot",
        "description": "An old robot.",
        "personality": "grumpy",
        "scenario": "",
        "first_mes": "What now, {{user}}?",
        "mes_example": "<START>\n{{user}}: Hi\n{{char}}: Hmph.",
        "avatar": "none",
        "chat": "x",
    }
    path = tmp_path / "old.json"
    path.write_text(json.dumps(card))
    persona = import_card(path)
    assert persona.id == "old-bot" and persona.name == "Old Bot"
    assert persona.greetings == ("What now, {{user}}?",)
    assert persona.example_dialogue == ((("user", "Hi"), ("char", "Hmph.")),)
    assert persona.extra == {"avatar": "none", "chat": "x"}
    assert persona.source == f"card:{path}"
    assert load_persona(str(path)) == persona  # .json cards also load through load_persona


def test_v1_tavern_aliases():
    card = {
        "char_name": "Tin",
        "char_persona": "shy",
        "char_greeting": "hello",
        "world_scenario": "lab",
    }
    persona = import_card(json.dumps(card).encode())
    assert (persona.name, persona.personality, persona.greetings, persona.scenario) == (
        "Tin",
        "shy",
        ("hello",),
        "lab",
    )


def test_v2_json_fields(tmp_path):
    path = tmp_path / "gear.json"
    path.write_text(json.dumps(v2_card()))
    persona = import_card(path)
    assert persona.name == "Captain Gear"
    assert persona.greetings == ("Ahoy {{user}}!", "Yarr, {{user}}.", "Land ho!")
    assert persona.example_dialogue == (
        (("user", "Hi there"), ("char", "Ahoy, {{user}}!\nSecond line.")),
        (("user", "Where to?"), ("char", "The sea."), ("char", "Always the sea.")),
    )
    assert persona.system_prompt == "Talk like a pirate. {{original}}"
    assert persona.extra["creator_notes"] == MARKER
    assert persona.extra["tags"] == ["pirate", "robot"]
    assert persona.extra["character_book"]["entries"][0]["keys"] == ["sea"]
    assert persona.extra["mystery_field"] == {"nested": [1, 2, 3]}
    assert persona.extra["extensions"]["fav"] is True
    prompt = render_system_prompt(persona, user_name="Ada")
    assert "Captain Gear is a clockwork pirate robot." in prompt
    assert "Talk like a pirate." in prompt and "{{original}}" not in prompt
    assert "On a ship with Ada." in prompt
    assert "User: Hi there" in prompt and "Captain Gear: Ahoy, Ada!" in prompt
    assert render_post_history(persona, "Ada") == "Stay a pirate, Captain Gear."
    assert_marker_absent(persona)


def test_v3_json():
    persona = import_card(json.dumps(v3_card(name="Gear Three")).encode("utf-8"))
    assert persona.name == "Gear Three"
    assert persona.extra["nickname"] == "Cap"
    assert persona.extra["assets"][0]["type"] == "icon"
    assert len(persona.greetings) == 3
    assert_marker_absent(persona)


def test_png_with_chara(tmp_path):
    path = pillow_png(tmp_path / "gear.png", texts=[("chara", b64(v2_card()))])
    persona = import_card(path)
    assert persona.name == "Captain Gear"
    assert persona.avatar_png == path.read_bytes()
    assert persona.source == f"card:{path}"
    assert load_persona(str(path)) == persona
    assert_marker_absent(persona)


def test_png_with_ccv3(tmp_path):
    path = pillow_png(tmp_path / "v3.png", texts=[("ccv3", b64(v3_card(name="Only Three")))])
    assert import_card(path).name == "Only Three"


@pytest.mark.parametrize("order", ["chara-first", "ccv3-first"])
def test_png_with_both_ccv3_wins(tmp_path, order):
    texts = [("chara", b64(v2_card(name="From V2"))), ("ccv3", b64(v3_card(name="From V3")))]
    if order == "ccv3-first":
        texts.reverse()
    path = pillow_png(tmp_path / "both.png", texts=texts)
    assert import_card(path).name == "From V3"


def test_png_itxt_compressed(tmp_path):
    path = pillow_png(tmp_path / "itxt.png", itxt=[("chara", b64(v2_card(name="Zipped")))])
    assert import_card(path).name == "Zipped"


def test_png_v1_card_in_chara(tmp_path):
    card = {"name": "Flat", "description": "d", "first_mes": "hi", "mes_example": ""}
    path = pillow_png(tmp_path / "flat.png", texts=[("chara", b64(card))])
    assert import_card(path).greetings == ("hi",)


def _corrupt_crc(blob: bytes) -> bytes:
    # Flip one byte inside the IHDR data (offset 8 sig + 8 header).
    return blob[:16] + bytes([blob[16] ^ 0xFF]) + blob[17:]


@pytest.mark.parametrize(
    ("name", "make", "needle"),
    [
        ("nochunk.png", lambda p: pillow_png(p).read_bytes(), "no character card"),
        (
            "badb64.png",
            lambda p: pillow_png(p, texts=[("chara", "!!not base64!!")]).read_bytes(),
            "base64",
        ),
        (
            "badjson.png",
            lambda p: pillow_png(
                p, texts=[("chara", base64.b64encode(b"{nope").decode())]
            ).read_bytes(),
            "JSON",
        ),
        (
            "crc.png",
            lambda p: _corrupt_crc(pillow_png(p, texts=[("chara", b64(v2_card()))]).read_bytes()),
            "CRC",
        ),
        (
            "trunc.png",
            lambda p: pillow_png(p, texts=[("chara", b64(v2_card()))]).read_bytes()[:60],
            "truncated",
        ),
        ("list.json", lambda p: b"[1, 2]", "JSON object"),
        ("bad.json", lambda p: b'{"name": ', "invalid card JSON"),
        ("spec.json", lambda p: json.dumps({"spec": "weird", "data": {}}).encode(), "unsupported"),
        ("noname.json", lambda p: json.dumps(v2_card(name="  ")).encode(), "name"),
        ("types.json", lambda p: json.dumps(v2_card(first_mes=["x"])).encode(), "first_mes"),
        (
            "alts.json",
            lambda p: json.dumps(v2_card(alternate_greetings="x")).encode(),
            "alternate_greetings",
        ),
        ("deep.json", lambda p: b"[" * 100000 + b"]" * 100000, "deep"),
        ("bigint.json", lambda p: b'{"name": ' + b"9" * 5000 + b"}", "invalid card JSON"),
        (
            "ext.json",
            lambda p: json.dumps(
                v2_card(extensions={"robot_persona": {"voice": {"speed": "x"}}})
            ).encode(),
            "voice.speed",
        ),
    ],
)
def test_bad_cards_name_the_file(tmp_path, name, make, needle):
    path = tmp_path / name
    blob = make(tmp_path / f"src-{name}")
    path.write_bytes(blob)
    with pytest.raises(BadInput) as info:
        import_card(path)
    assert name in str(info.value)
    assert needle in str(info.value)


def test_size_cap(tmp_path, monkeypatch):
    path = tmp_path / "big.json"
    path.write_text(json.dumps(v2_card()))
    monkeypatch.setattr(cards_module, "MAX_CARD_FILE_BYTES", 100)
    with pytest.raises(BadInput, match="big.json.*limit"):
        import_card(path)
    with pytest.raises(BadInput, match="20 MB"):
        import_card(b"x" * 101)


def test_missing_card_file(tmp_path):
    with pytest.raises(NotFound):
        import_card(tmp_path / "nope.png")


def _png_chunks(blob: bytes) -> list[tuple[bytes, bytes]]:
    """Independent minimal PNG chunk reader for checking exports."""
    assert blob[:8] == b"\x89PNG\r\n\x1a\n"
    pos, out = 8, []
    while pos < len(blob):
        (length,) = struct.unpack(">I", blob[pos : pos + 4])
        ctype = blob[pos + 4 : pos + 8]
        data = blob[pos + 8 : pos + 8 + length]
        assert struct.unpack(">I", blob[pos + 8 + length : pos + 12 + length])[0] == zlib.crc32(
            ctype + data
        )
        out.append((ctype, data))
        pos += 12 + length
    return out


def comparable(persona):
    return {
        f.name: getattr(persona, f.name)
        for f in dataclasses.fields(persona)
        if f.name not in ("source", "avatar_png")
    }


@pytest.mark.parametrize("pid", ["sparky", "percival", "bleep"])
@pytest.mark.parametrize("suffix", [".png", ".json"])
def test_builtin_round_trip(tmp_path, pid, suffix):
    original = load_persona(pid)
    path = export_card(original, tmp_path / f"{pid}{suffix}")
    back = import_card(path)
    assert comparable(back) == comparable(original)
    if suffix == ".png":
        with Image.open(path) as image:
            image.load()
            assert image.format == "PNG" and image.size[0] > 0
            card = json.loads(base64.b64decode(image.info["chara"]))
        assert card["spec"] == "chara_card_v2"
        assert card["data"]["extensions"]["robot_persona"]["id"] == pid
    else:
        card = json.loads(path.read_text())
        assert card["data"]["first_mes"] == original.greetings[0]
        assert card["data"]["mes_example"].startswith("<START>\n{{user}}: ")


def test_unknown_fields_survive_export_import(tmp_path):
    src = pillow_png(
        tmp_path / "src.png",
        texts=[("ccv3", b64(v3_card())), ("chara", b64(v2_card(name="stale"))), ("Comment", "hi")],
        color=(1, 2, 3),
    )
    first = import_card(src)
    for suffix in (".png", ".json"):
        out = export_card(first, tmp_path / f"out{suffix}")
        second = import_card(out)
        assert comparable(second) == comparable(first)
        assert second.extra["creator_notes"] == MARKER
        assert second.extra["mystery_field"] == {"nested": [1, 2, 3]}
        assert second.extra["character_book"] == first.extra["character_book"]
        assert second.extra["extensions"] == {
            "depth_prompt": {"prompt": "x", "depth": 4},
            "fav": True,
        }
        assert_marker_absent(second)
    blob = (tmp_path / "out.png").read_bytes()
    keys = [data.split(b"\x00")[0] for ctype, data in _png_chunks(blob) if ctype == b"tEXt"]
    assert keys.count(b"chara") == 1 and b"ccv3" not in keys and b"Comment" in keys
    with Image.open(tmp_path / "out.png") as image:  # the card's own image is kept
        assert image.size == (8, 6) and image.convert("RGB").getpixel((0, 0)) == (1, 2, 3)


def test_export_rejects_other_suffix(tmp_path):
    with pytest.raises(BadInput, match="json or .png"):
        export_card(load_persona("sparky"), tmp_path / "x.txt")


def test_generated_avatar_is_valid_png(tmp_path):
    path = export_card(load_persona("bleep"), tmp_path / "bleep.png")
    with Image.open(io.BytesIO(path.read_bytes())) as image:
        image.verify()
    types = [ctype for ctype, _ in _png_chunks(path.read_bytes())]
    assert types[0] == b"IHDR" and types[-1] == b"IEND" and b"IDAT" in types


def _raw_chunk(ctype: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + ctype + body + struct.pack(">I", zlib.crc32(ctype + body))


def test_other_text_chunks_are_not_decoded(tmp_path):
    # A zTXt chunk we do not need, with corrupt compressed data: it must be skipped, not inflated.
    blob = pillow_png(tmp_path / "src.png", texts=[("chara", b64(v2_card()))]).read_bytes()
    iend = blob.rindex(b"IEND") - 4
    junk = _raw_chunk(b"zTXt", b"junk\x00\x00" + b"\xff" * 64)
    path = tmp_path / "junk.png"
    path.write_bytes(blob[:iend] + junk + blob[iend:])
    assert import_card(path).name == "Captain Gear"
    bad_card = _raw_chunk(b"zTXt", b"ccv3\x00\x00" + b"\xff" * 64)
    (tmp_path / "junk-card.png").write_bytes(blob[:iend] + bad_card + blob[iend:])
    with pytest.raises(BadInput, match="junk-card.png: corrupt compressed"):
        import_card(tmp_path / "junk-card.png")
