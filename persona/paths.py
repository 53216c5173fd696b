"""Where the project's data files and the user's state live."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_cache_path, user_data_path

REPO_ROOT = Path(__file__).resolve().parent.parent


def prompts_dir() -> Path:
    """Persona files and Jinja2 templates (`prompts/` in the checkout)."""
    return Path(os.environ.get("PERSONA_PROMPTS_DIR", REPO_ROOT / "prompts"))


def catalog_dir() -> Path:
    """The model catalog (`models/` in the checkout)."""
    return Path(os.environ.get("PERSONA_CATALOG_DIR", REPO_ROOT / "models"))


def data_dir() -> Path:
    """The user's state: the SQLite database, pulled models. `PERSONA_HOME` overrides."""
    home = os.environ.get("PERSONA_HOME")
    path = Path(home) if home else user_data_path("robot-persona")
    path.mkdir(parents=True, exist_ok=True)
    return path


def models_store_dir() -> Path:
    """Downloaded and assembled model files."""
    path = Path(os.environ.get("PERSONA_MODELS_DIR", data_dir() / "models"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir() -> Path:
    path = user_cache_path("robot-persona")
    path.mkdir(parents=True, exist_ok=True)
    return path
