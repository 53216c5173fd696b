#!/usr/bin/env bash
# Build llama.cpp's own `llama-server` (a continuous-batching OpenAI-compatible server) from
# the llama.cpp sources that the llama-cpp-python sdist vendors, with the same CPU flags as
# the wheel scripts/setup.sh builds, and cache it by the same key:
#   ~/.cache/robot-persona/llama-server-<key>/bin/llama-server
# Idempotent: with the binary cached it only prints its path. Progress goes to stderr,
# the binary's path to stdout. Needs build-essential and cmake; about 10 minutes on 2 cores.
# Usage: scripts/build-llama-server.sh        (PERSONA_LLAMA_SERVER_CACHE overrides the folder)
set -euo pipefail

# All in a function, so bash has read the whole script before a long build starts.
main() {
    cd "$(dirname "$0")/.."

    read -r llama_key llama_args < <(scripts/setup.sh llama-key)
    llama_version="$(sed -n 's/.*"llama-cpp-python\[server\]==\([0-9.]*\)".*/\1/p' pyproject.toml)"
    cache_root="${PERSONA_LLAMA_SERVER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/robot-persona}"
    dest="$cache_root/llama-server-$llama_key"
    if [ -x "$dest/bin/llama-server" ]; then
        echo "$dest/bin/llama-server"
        exit 0
    fi

    echo "build-llama-server: llama.cpp from llama-cpp-python $llama_version ($llama_args)" >&2
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp"' EXIT
    echo "build-llama-server: fetching the llama-cpp-python $llama_version sdist" >&2
    .venv/bin/python -m pip download -q --no-deps --no-binary :all: \
        "llama-cpp-python==$llama_version" -d "$tmp/sdist"
    tar -xzf "$tmp"/sdist/llama_cpp_python-*.tar.gz -C "$tmp"
    src="$(echo "$tmp"/llama_cpp_python-*/vendor/llama.cpp)"
    [ -f "$src/tools/server/CMakeLists.txt" ] || {
        echo "build-llama-server: no tools/server in $src" >&2
        exit 1
    }

    echo "build-llama-server: configuring" >&2
    # No network at build time (no prebuilt web UI download, no curl/OpenSSL model fetching),
    # one static binary.
    # shellcheck disable=SC2086  # llama_args is a list of flags
    cmake -S "$src" -B "$tmp/build" -DCMAKE_BUILD_TYPE=Release $llama_args \
        -DBUILD_SHARED_LIBS=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF \
        -DLLAMA_BUILD_SERVER=ON -DLLAMA_BUILD_UI=OFF -DLLAMA_USE_PREBUILT_UI=OFF \
        -DLLAMA_OPENSSL=OFF -DLLAMA_CURL=OFF >"$tmp/configure.log" 2>&1 || {
        tail -n 30 "$tmp/configure.log" >&2
        exit 1
    }
    echo "build-llama-server: compiling llama-server with $(nproc) jobs" >&2
    cmake --build "$tmp/build" --target llama-server -j "$(nproc)" 2>&1 | tee "$tmp/build.log" |
        sed -un 's/^\(\[ *[0-9]*%\]\)/build-llama-server: \1/p' >&2 || true
    [ -x "$tmp/build/bin/llama-server" ] || {
        tail -n 30 "$tmp/build.log" >&2
        echo "build-llama-server: the build failed: install build-essential and cmake, then rerun" >&2
        exit 1
    }
    rm -rf "$dest.tmp" && mkdir -p "$dest.tmp/bin"
    cp "$tmp/build/bin/llama-server" "$dest.tmp/bin/"
    printf '%s\n' "$llama_version" "$llama_args" >"$dest.tmp/flags"
    rm -rf "$dest" && mv "$dest.tmp" "$dest"
    echo "build-llama-server: built $dest/bin/llama-server" >&2
    echo "$dest/bin/llama-server"
}

main "$@"
