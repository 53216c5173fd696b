"""Profile files that never end, bombs and absurd data: each is one clear line, quickly.

The endless inputs run `persona profile show` in a child process with a memory cap and a
timeout, so a regression fails the test instead of hanging or exhausting the machine."""

from __future__ import annotations

import bz2
import os
import resource
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest

from persona.errors import BadInput
from persona.roast.importers import load_profile

ROOT = Path(__file__).resolve().parents[2]


def _capped_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


def profile_show(path: Path, timeout: float = 60):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.monotonic()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "persona", "profile", "show", str(path)],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=ROOT,
            env=env,
            preexec_fn=_capped_memory,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"`persona profile show {path}` did not finish in {timeout:.0f} s")
    return proc, time.monotonic() - started


def assert_one_line_error(proc, *words: str) -> None:
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
    for word in words:
        assert word in lines[0], lines[0]


@pytest.mark.parametrize("kind", ["device", "symlink to a device", "fifo"])
def test_endless_files_are_refused_before_reading(tmp_path: Path, kind: str) -> None:
    if kind == "device":
        path = Path("/dev/zero")
    elif kind == "symlink to a device":
        path = tmp_path / "me.json"
        path.symlink_to("/dev/zero")
    else:
        path = tmp_path / "f.json"
        os.mkfifo(path)
    proc, seconds = profile_show(path, timeout=30)
    assert_one_line_error(proc, str(path), "not a regular file")
    assert seconds < 30


def _bz2_tar_bomb(path: Path, member_bytes: int) -> Path:
    """A tar whose one member is `member_bytes` of zeros, bzip2-compressed to a few KB
    (one bzip2 stream per 16 MB of zeros; readers join concatenated streams)."""
    info = tarfile.TarInfo("outbox.json")
    info.size = member_bytes
    chunk = 16 << 20
    parts = [bz2.compress(info.tobuf(format=tarfile.GNU_FORMAT))]
    parts += [bz2.compress(bytes(chunk))] * (member_bytes // chunk)
    parts.append(bz2.compress(bytes(1024)))  # the end-of-archive blocks
    path.write_bytes(b"".join(parts))
    return path


def test_a_bzip2_tar_bomb_named_tar_gz_is_refused_while_streaming(tmp_path: Path) -> None:
    bomb = _bz2_tar_bomb(tmp_path / "mastodon.tar.gz", 4 << 30)  # 4 GiB of zeros
    assert bomb.stat().st_size < 16 * 1024
    started = time.process_time()
    with pytest.raises(BadInput, match="tar bomb"):
        load_profile(bomb)
    assert time.process_time() - started < 3  # stopped at the cap, not after 4 GiB


def test_a_tar_that_fits_the_caps_still_loads(tmp_path: Path) -> None:
    """The cap must not refuse a real export: the Mastodon example, re-packed as bzip2."""
    src = ROOT / "examples" / "profiles" / "mastodon"
    archive = tmp_path / "export.tar.gz"  # misnamed on purpose: the magic bytes decide
    with tarfile.open(archive, "w:bz2") as tar:
        tar.add(src, arcname="export")
    assert load_profile(archive).source == "mastodon"


@pytest.mark.parametrize(
    ("name", "text", "words"),
    [
        ("deep.json", '{"facts": ' + "[" * 100_000 + "]" * 100_000 + "}", ["nested"]),
        ("deep.yaml", "facts: " + "[" * 100_000 + "]" * 100_000 + "\n", ["nested"]),
        ("inf.json", '{"name": "Al", "followers": 1e400}', ["followers", "count"]),
        ("nan.json", '{"name": "Al", "followers": NaN}', ["followers", "count"]),
        ("long.json", '{"name": "Al", "followers": ' + "9" * 5000 + "}", ["number"]),
        ("inf.yaml", "name: Al\nfollowers: .inf\n", ["followers", "count"]),
        ("nan.yaml", "name: Al\nfollowing: .nan\n", ["following", "count"]),
        ("long.yaml", "name: Al\nfollowers: " + "9" * 5000 + "\n", ["number"]),
        ("text.yaml", 'name: Al\npost_count: "' + "9" * 5000 + '"\n', ["post_count"]),
    ],
)
def test_absurd_profile_data_is_one_line(tmp_path: Path, name: str, text: str, words) -> None:
    path = tmp_path / name
    path.write_text(text)
    proc, _ = profile_show(path)
    assert_one_line_error(proc, name, *words)
    assert "Traceback" not in proc.stderr


def test_odd_numbers_inside_posts_and_facts_do_not_crash(tmp_path: Path) -> None:
    path = tmp_path / "al.yaml"
    path.write_text(
        "name: Al\nhobbies: [" + "9" * 400 + ", knitting]\njoined: " + "9" * 400 + "\n"
        "posts:\n  - text: I knit at night\n    likes: .inf\n    date: 1e400\n"
    )
    profile = load_profile(path)
    assert profile.posts[0].likes == 0 and "hobbies: knitting" in profile.facts


@pytest.fixture
def deep_folder(tmp_path: Path):
    """export/d/d/.../d/user.json, 1100 levels: deeper than Python's recursion limit, and
    past PATH_MAX, so it is built and removed through directory fds (rmtree recurses)."""
    root = tmp_path / "export"
    root.mkdir()
    fds = [os.open(root, os.O_RDONLY)]
    try:
        for _ in range(1100):
            os.mkdir("d", dir_fd=fds[-1])
            fds.append(os.open("d", os.O_RDONLY, dir_fd=fds[-1]))
        os.close(os.open("user.json", os.O_WRONLY | os.O_CREAT, dir_fd=fds[-1]))
        yield root
    finally:
        for name in os.listdir(fds[-1]):
            os.unlink(name, dir_fd=fds[-1])
        while len(fds) > 1:
            os.close(fds.pop())
            os.rmdir("d", dir_fd=fds[-1])
        os.close(fds[0])


def test_deeply_nested_folders_are_one_line(deep_folder: Path) -> None:
    with pytest.raises(BadInput, match="nest deeper"):  # once a RecursionError in os.walk
        load_profile(deep_folder)
