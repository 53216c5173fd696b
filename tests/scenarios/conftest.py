"""Collect the shipped *.scenario.yaml files in this folder even before the plugin's
`persona_scenarios` entry point is installed; once it is, the plugin collects them itself."""

from __future__ import annotations

from persona.scenarios import pytest_plugin as _plugin

_PLUGIN_NAMES = ("persona_scenarios", "persona.scenarios.pytest_plugin")


def pytest_collect_file(file_path, parent):
    manager = parent.config.pluginmanager
    if any(manager.has_plugin(name) for name in _PLUGIN_NAMES):
        return None
    return _plugin.pytest_collect_file(file_path, parent)
