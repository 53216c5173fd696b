from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    """Keep user personas (PERSONA_HOME/personas) out of the real data folder."""
    monkeypatch.setenv("PERSONA_HOME", str(tmp_path / "home"))
