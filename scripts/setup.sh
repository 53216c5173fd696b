#!/usr/bin/env bash
# Create or reuse .venv and install robot-persona with its embedded default models.
# Idempotent: a second run with an unchanged pyproject.toml takes a second or two.
# Usage: scripts/setup.sh [test]   ("test" also installs the test-only tools)
#        scripts/setup.sh llama-key  (print the llama.cpp build's cache key and flags)
#
# llama-cpp-python is built here from source with flags that run on every machine of the
# same architecture (llama.cpp's default -march=native build compiles AMX kernels that trap
# on some VMs). The wheel is kept in a cache keyed by those flags, so a wheel built with
# other flags, such as one in pip's own cache, is never reused. `persona doctor` then runs
# the model, speech in and speech out once, so a broken build fails here, not in a chat.
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

if [ "$want" != llama-key ] && command -v apt-get >/dev/null; then
    apt_install libportaudio2 libopus0
    [ "$want" = test ] && apt_install chromium espeak-ng sox
fi

# The llama.cpp CPU flags for this machine, never -march=native on x86-64: llama.cpp's
# native build compiles AMX kernels, which trap on some VMs that advertise AMX.
# - x86-64: a fixed AVX2/FMA/F16C set (every x86 machine since 2013), plus AVX-512 where the
#   CPU has it (measured: +58% prompt speed for Q4_K models); "portable" = AVX2 only.
# - aarch64 (Raspberry Pi) and others: llama.cpp's native build.
# Where the flags depend on this CPU, its feature list is part of the cache key.
# PERSONA_LLAMA_CMAKE_ARGS overrides.
AVX2_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON"
llama_cmake_args() {
    if [ -n "${PERSONA_LLAMA_CMAKE_ARGS:-}" ]; then
        echo "$PERSONA_LLAMA_CMAKE_ARGS"
        return
    fi
    local flags; flags=" $(grep -m1 -E '^flags' /proc/cpuinfo 2>/dev/null | cut -d: -f2) "
    has() { for f in "$@"; do [[ "$flags" == *" $f "* ]] || return 1; done; }
    case "$(uname -m)" in
        x86_64|amd64)
            if ! has avx2 fma f16c; then
                echo "-DGGML_NATIVE=OFF -DGGML_AVX=OFF -DGGML_AVX2=OFF -DGGML_FMA=OFF -DGGML_F16C=OFF"
            elif [ "${1:-}" != portable ] && has avx512f avx512bw avx512vl avx512dq; then
                local extra="-DGGML_AVX512=ON"
                has avx512_vnni && extra+=" -DGGML_AVX512_VNNI=ON"
                has avx512vbmi && extra+=" -DGGML_AVX512_VBMI=ON"
                has avx512_bf16 && extra+=" -DGGML_AVX512_BF16=ON"
                echo "$AVX2_ARGS $extra"
            else
                echo "$AVX2_ARGS"
            fi ;;
        *) echo "-DGGML_NATIVE=ON" ;;
    esac
}

PY="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PY" -m venv .venv

llama_version="$(sed -n 's/.*"llama-cpp-python\[server\]==\([0-9.]*\)".*/\1/p' pyproject.toml)"
llama_args="$(llama_cmake_args)"
cpu_id=""
case "$llama_args" in *NATIVE=ON*|*AVX512*) cpu_id="$(grep -m1 -iE '^(flags|Features)' /proc/cpuinfo || true)" ;; esac
llama_key="$(printf '%s\n' "$llama_version" "$llama_args" "$(uname -m)" "$cpu_id" \
    "$(.venv/bin/python -c 'import sys; print(sys.version_info[:2])')" | sha256sum | cut -c1-16)"
if [ "$want" = llama-key ]; then  # for tests: the cache key and the flags it stands for
    echo "$llama_key $llama_args"
    exit 0
fi
wheel_dir="${PERSONA_WHEEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/robot-persona/wheels}/llama-cpp-python-$llama_key"

build_llama_wheel() {
    ls "$wheel_dir"/llama_cpp_python-*.whl >/dev/null 2>&1 && return 0
    echo "setup: building llama-cpp-python $llama_version ($llama_args); about 10 minutes on 2 cores" >&2
    local tmp; tmp="$(mktemp -d)"
    if ! CMAKE_ARGS="$llama_args" CMAKE_BUILD_PARALLEL_LEVEL="$(nproc)" \
        .venv/bin/python -m pip wheel -q --no-deps --no-cache-dir --no-binary llama-cpp-python \
        "llama-cpp-python==$llama_version" -w "$tmp"; then
        rm -rf "$tmp"
        echo "setup: the llama-cpp-python build failed: install build-essential and cmake, then rerun" >&2
        exit 1
    fi
    mkdir -p "$(dirname "$wheel_dir")"
    rm -rf "$wheel_dir.tmp" && mv "$tmp" "$wheel_dir.tmp" && mv "$wheel_dir.tmp" "$wheel_dir"
}

stamp=".venv/.persona-installed-$want"
key="$(cat pyproject.toml scripts/setup.sh | sha256sum | cut -d' ' -f1)-$llama_key"
# A test install is a superset of a run install.
if [ "$(cat "$stamp" 2>/dev/null)" != "$key" ] &&
   [ "$(cat .venv/.persona-installed-test 2>/dev/null)" != "$key" ]; then
    echo "setup: installing Python packages into .venv" >&2
    .venv/bin/python -m pip install -q --upgrade pip
    build_llama_wheel
    wheel="$(ls "$wheel_dir"/llama_cpp_python-*.whl | head -n1)"
    # --force-reinstall: replace any build of the same version made with other flags.
    .venv/bin/python -m pip install -q --force-reinstall --no-deps "$wheel"
    .venv/bin/python -m pip install -q "$wheel[server]"
    extras="dev"
    if [ "$want" = test ]; then
        # The CPU build of torch; a plain `torch` would pull a multi-GB CUDA build.
        .venv/bin/python -m pip install -q "torch==2.13.0"
        extras="dev,transformers"
    fi
    .venv/bin/python -m pip install -q -e ".[$extras]"
    rm -f .venv/.persona-installed-*
    # The learned end-of-turn model (8.7 MB, inside the pipecat-ai wheel, installed --no-deps).
    .venv/bin/persona models pull smart-turn-v3.2 --quiet >/dev/null
    echo "setup: checking that the model, speech in and speech out run on this machine" >&2
    doctor_rc=0
    .venv/bin/persona doctor || doctor_rc=$?
    portable="$(llama_cmake_args portable)"
    if [ "$doctor_rc" = 3 ] && [ -z "${PERSONA_LLAMA_CMAKE_ARGS:-}" ] && [ "$llama_args" != "$portable" ]; then
        # llama.cpp crashed in native code: this CPU (or VM) does not run what it advertises.
        echo "setup: rebuilding llama-cpp-python with the portable flags ($portable)" >&2
        rm -rf "$wheel_dir"
        PERSONA_LLAMA_CMAKE_ARGS="$portable" exec "$0" "$want"
    fi
    if [ "$doctor_rc" != 0 ]; then
        echo "setup: the install does not work on this machine (see above)" >&2
        exit 1
    fi
    echo "$key" > "$stamp"
fi
# The fleet tests' llama-server, built from the same llama.cpp sources and flags (cached).
if [ "$want" = test ]; then scripts/build-llama-server.sh >/dev/null; fi
# The LLM the model ladder picks for this machine (models/catalog.toml); tests pin their own.
if [ "$want" = run ] && [ -z "${PERSONA_LLM:-}" ]; then
    .venv/bin/persona models pull --ladder --quiet >/dev/null ||
        echo "setup: could not install the ladder's model; the bundled smallest one is used" >&2
fi
