#!/usr/bin/env bash
# Create or reuse .venv and install robot-persona with its embedded default models.
# Idempotent: a second run with an unchanged pyproject.toml takes a second or two.
# Usage: scripts/setup.sh [test]   ("test" also installs the test-only tools)
set -euo pipefail
cd "$(dirname "$0")/.."
want="${1:-run}"

apt_install() {
    local missing=()
    for pkg in "$@"; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
        echo "setup: please install these Debian packages first: ${missing[*]}" >&2
        return 1
    fi
    local SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
    echo "setup: installing ${missing[*]} (apt)" >&2
    $SUDO apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
}

if command -v apt-get >/dev/null; then
    apt_install libportaudio2
    [ "$want" = test ] && apt_install chromium espeak-ng sox
fi

PY="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PY" -m venv .venv
stamp=".venv/.persona-installed-$want"
key="$(cat pyproject.toml scripts/setup.sh | sha256sum | cut -d' ' -f1)"
# A test install is a superset of a run install.
if [ "$(cat "$stamp" 2>/dev/null)" != "$key" ] &&
   [ "$(cat .venv/.persona-installed-test 2>/dev/null)" != "$key" ]; then
    echo "setup: installing Python packages into .venv (first time: llama-cpp-python builds from source, about 9 minutes)" >&2
    .venv/bin/python -m pip install -q --upgrade pip
    extras="dev"
    if [ "$want" = test ]; then
        # The CPU build of torch; a plain `torch` would pull a multi-GB CUDA build.
        .venv/bin/python -m pip install -q "torch==2.13.0"
        extras="dev,transformers"
    fi
    CMAKE_BUILD_PARALLEL_LEVEL="$(nproc)" .venv/bin/python -m pip install -q -e ".[$extras]"
    echo "$key" > "$stamp"
fi
