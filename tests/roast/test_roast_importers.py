"""Every importer on the bundled synthetic profiles, and the broken-input paths."""

from __future__ import annotations

import io
import json
import shutil
import tarfile
import zipfile
from pathlib import Path

import pytest

from persona.errors import BadInput, NotFound
from persona.roast.archive_safety import ArchiveLimits
from persona.roast.importers import load_profile
from persona.roast.profile import Post, select_posts

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "profiles"


@pytest.mark.parametrize("name", ["x_archive", "x_archive.zip"])
def test_x_archive_folder_and_zip(name: str) -> None:
    p = load_profile(EXAMPLES / name)
    assert (p.source, p.display_name, p.handle) == ("x", "Dana Quill", "danaquill_")
    assert p.followers == 41 and p.following == 842  # list lengths, not a field
    assert p.likes_count == 1310
    assert p.bio.startswith("Sourdough enthusiast")
    assert len(p.posts) == 11  # 10 tweets + 1 note tweet
    assert p.top_hashtags[0] == ("sourdough", 7)
    assert p.posts[0].created_at is not None and p.posts[0].likes >= 0
    assert p.created_at is not None and p.created_at.year == 2016


def test_x_archive_older_and_split_tweet_files(tmp_path: Path) -> None:
    src = EXAMPLES / "x_archive"
    dst = tmp_path / "arch"
    shutil.copytree(src, dst)
    text = (dst / "data" / "tweets.js").read_text()
    (dst / "data" / "tweets.js").unlink()
    (dst / "data" / "tweet.js").write_text(text.replace("YTD.tweets.", "YTD.tweet."))
    (dst / "data" / "tweets-part1.js").write_text(
        'window.YTD.tweets.part1 = [{"tweet": {"full_text": "one more about sourdough", '
        '"created_at": "Wed Oct 10 20:19:24 +0000 2018", "favorite_count": "7"}}]'
    )
    p = load_profile(dst)
    assert len(p.posts) == 12
    assert any(x.likes == 7 for x in p.posts)


@pytest.mark.parametrize("name", ["github", "github.zip"])
def test_github_folder_and_zip(name: str) -> None:
    p = load_profile(EXAMPLES / name)
    assert (p.source, p.handle, p.display_name) == ("github", "mbrill-dev", "Marco Brill")
    assert len(p.repos) == 11 and sum(r.fork for r in p.repos) == 3
    assert "Haskell" in p.readme
    assert p.followers == 12 and p.following == 97


@pytest.mark.parametrize("name", ["mastodon", "mastodon.tar.gz"])
def test_mastodon(name: str) -> None:
    p = load_profile(EXAMPLES / name)
    assert (p.source, p.handle) == ("mastodon", "wrenhalloway")
    assert "<p>" not in p.bio and p.bio.startswith("Birdwatcher")
    assert sum(x.is_repost for x in p.posts) == 9
    assert ("compost", 3) in p.top_hashtags


@pytest.mark.parametrize("name", ["bluesky/repo.car", "bluesky"])
def test_bluesky_car(name: str) -> None:
    p = load_profile(EXAMPLES / name)
    assert (p.source, p.display_name) == ("bluesky", "Theo Lark")
    assert p.handle.startswith("did:plc:")
    assert p.following == 312 and len(p.posts) == 6
    assert p.languages == (("en", 6),)


def test_cards_yaml_json_markdown() -> None:
    bo = load_profile(EXAMPLES / "cards" / "bo.yaml")
    assert bo.display_name == "Bo Castellan" and bo.handle == "bocastellan"
    assert bo.following == 620 and len(bo.facts) == 3 and len(bo.posts) == 2
    ines = load_profile(EXAMPLES / "cards" / "ines.json")
    assert ines.followers == 230 and "Owns three label makers" in ines.facts
    ravi = load_profile(EXAMPLES / "cards" / "ravi.md")
    assert ravi.display_name == "Ravi Okonkwo-Hale" and ravi.handle == "ravi_plays_chess"
    assert ravi.location == "Riverton"
    assert len(ravi.facts) == 3 and len(ravi.posts) == 2
    assert "chess player" in ravi.bio


def test_free_text_string_and_file() -> None:
    p = load_profile("I'm a dentist who runs marathons and owns four cats")
    assert p.source == "text"
    assert p.facts == ("a dentist", "runs marathons", "owns four cats")
    f = load_profile(EXAMPLES / "freetext.txt")
    assert "has strong opinions about oat milk" in f.facts


def test_missing_path_is_not_found_but_prose_is_text() -> None:
    with pytest.raises(NotFound, match="nope.zip"):
        load_profile("nope.zip")
    assert load_profile("loves jazz. hates mornings").source == "text"


def _zip(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return path


def test_corrupt_zip_names_file(tmp_path: Path) -> None:
    bad = tmp_path / "export.zip"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(BadInput, match="export.zip"):
        load_profile(bad)


def test_zip_traversal_refused(tmp_path: Path) -> None:
    path = _zip(tmp_path / "evil.zip", {"../../etc/passwd": b"x", "data/account.js": b"[]"})
    with pytest.raises(BadInput, match="traversal"):
        load_profile(path)


def test_tar_traversal_and_links_refused(tmp_path: Path) -> None:
    path = tmp_path / "evil.tar.gz"
    with tarfile.open(path, "w:gz") as tf:
        info = tarfile.TarInfo("../outside.json")
        info.size = 2
        tf.addfile(info, io.BytesIO(b"{}"))
    with pytest.raises(BadInput, match="traversal"):
        load_profile(path)
    path2 = tmp_path / "link.tar.gz"
    with tarfile.open(path2, "w:gz") as tf:
        info = tarfile.TarInfo("actor.json")
        info.type = tarfile.SYMTYPE
        info.linkname = "/etc/passwd"
        tf.addfile(info)
    with pytest.raises(BadInput, match="link"):
        load_profile(path2)


def test_zip_bomb_refused(tmp_path: Path) -> None:
    # 50 MB of zeros compresses to ~50 KB: over the ratio cap long before it is all read.
    path = _zip(
        tmp_path / "bomb.zip",
        {"data/tweets.js": b"\0" * (50 * 1024 * 1024), "data/account.js": b"[]"},
    )
    with pytest.raises(BadInput, match="bomb"):
        load_profile(path)


def test_file_count_cap(tmp_path: Path) -> None:
    path = _zip(tmp_path / "many.zip", {f"data/f{i}.js": b"[]" for i in range(30)})
    with pytest.raises(BadInput, match="more than 20"):
        load_profile(path, limits=ArchiveLimits(max_files=20))


def test_malformed_tweets_js_names_file(tmp_path: Path) -> None:
    dst = tmp_path / "arch"
    shutil.copytree(EXAMPLES / "x_archive", dst)
    (dst / "data" / "tweets.js").write_text('window.YTD.tweets.part0 = [{"tweet": {"full_text": ')
    with pytest.raises(BadInput, match=r"tweets\.js"):
        load_profile(dst)


def test_malformed_github_json_names_file(tmp_path: Path) -> None:
    (tmp_path / "user.json").write_text("{not json")
    with pytest.raises(BadInput, match="user.json"):
        load_profile(tmp_path)


def test_unrecognised_folder(tmp_path: Path) -> None:
    (tmp_path / "notes.bin").write_bytes(b"\x00")
    with pytest.raises(BadInput, match="not a recognised profile"):
        load_profile(tmp_path)


def test_select_posts_keeps_recent_and_engaging() -> None:
    from datetime import UTC, datetime, timedelta

    base = datetime(2024, 1, 1, tzinfo=UTC)
    posts = [Post(text=f"p{i}", created_at=base + timedelta(days=i), likes=0) for i in range(300)]
    posts[3] = Post(text="viral", created_at=base + timedelta(days=3), likes=9999)
    kept = select_posts(posts, 20)
    texts = {p.text for p in kept}
    assert len(kept) == 20 and "viral" in texts and "p299" in texts and "p100" not in texts


def test_to_dict_is_json(tmp_path: Path) -> None:
    p = load_profile(EXAMPLES / "x_archive")
    data = json.loads(json.dumps(p.to_dict()))
    assert data["handle"] == "danaquill_" and isinstance(data["posts"][0]["created_at"], str)
