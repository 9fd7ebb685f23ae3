"""A plugin folder with a file missing: QGIS starts it as usual, and gets one line, not a traceback.

Each test copies the plugin folder as `make stage` lays it out (the package with its
resources), deletes one real file from the copy, and has QGIS's own plugin loader
(qgis.utils.loadPlugin and startPlugin, with the copy's folder on the path) start it. The
plugin must leave QGIS exactly as it found it (no menu, toolbar, action, translator or
Processing provider) and say in the message bar which file to reinstall.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import qgis.utils
from qgis.core import Qgis

from bassee_atelier_plugin import start_failure
from tests.conftest import REPO, kept_settings
from tests.qgis.test_plugin import TOUCHED_SETTINGS, flush_deletions, qgis_state, use_language

PLUGIN = "bassee_atelier_plugin"


@pytest.fixture(autouse=True)
def restored_settings(qgis_app):
    with kept_settings(*TOUCHED_SETTINGS):
        yield


@pytest.fixture
def plugin_copy(tmp_path) -> Path:
    """The plugin folder as the ZIP installs it, with its French translation compiled."""
    folder = tmp_path / "plugins" / PLUGIN
    shutil.copytree(REPO / PLUGIN, folder, ignore=shutil.ignore_patterns("__pycache__", "vendor"))
    shutil.copytree(REPO / "resources", folder / "resources", ignore=shutil.ignore_patterns("*.qm"))
    shutil.copy(REPO / "metadata.txt", folder)  # QGIS lists only a folder that has one
    source = folder / "resources" / "i18n" / f"{PLUGIN}_fr.ts"
    subprocess.run(["lrelease", "-silent", str(source), "-qm", str(source.with_suffix(".qm"))], check=True)
    source.unlink()
    return folder


@contextmanager
def started_by_qgis(folder: Path, iface, monkeypatch) -> Iterator[bool]:
    """Start the plugin in ``folder`` as QGIS does; the plugin under test is put back afterwards."""
    ours = {name: module for name, module in sys.modules.items() if name == PLUGIN or name.startswith(f"{PLUGIN}.")}
    for name in ours:
        del sys.modules[name]
    monkeypatch.syspath_prepend(str(folder.parent))
    for name in ("iface", "plugin_paths", "available_plugins", "plugins_metadata_parser"):
        monkeypatch.setattr(qgis.utils, name, getattr(qgis.utils, name, None))
    qgis.utils.iface = iface
    qgis.utils.plugin_paths = [str(folder.parent)]
    qgis.utils.updateAvailablePlugins()
    try:
        assert qgis.utils.loadPlugin(PLUGIN), "QGIS could not even import the plugin's package"
        yield qgis.utils.startPlugin(PLUGIN)
    finally:
        if PLUGIN in qgis.utils.active_plugins:
            assert qgis.utils.unloadPlugin(PLUGIN)
        flush_deletions()
        for name in [name for name in sys.modules if name == PLUGIN or name.startswith(f"{PLUGIN}.")]:
            del sys.modules[name]
        sys.modules.update(ours)


def critical_lines(iface) -> list[str]:
    return iface.messageBar().get_messages(Qgis.MessageLevel.Critical)


def incomplete(missing: str) -> str:
    return f"The plugin's installation is incomplete: {missing} is missing; reinstall it from its ZIP."


@pytest.mark.parametrize(
    "missing",
    [
        "resources/ui/new_atelier.ui",  # read on first use: initGui checks that it is there
        "gui/atelier/loader.py",  # imported on first use: checked likewise
        "resources/icons/roadmap.svg",  # the sixth action: five are in the menu already
        "gui/handoff/handoff_menu.py",  # imported by initGui, after the menu, the toolbar and most actions
        "processing/provider.py",  # the last step: everything else is built
    ],
)
def test_a_file_missing_from_the_plugin_folder_is_one_line_and_leaves_qgis_as_it_was(
    iface, plugin_copy, monkeypatch, missing
):
    use_language("fr")  # the translator, installed first, must go too
    (plugin_copy / missing).unlink()
    before = qgis_state(iface)

    with started_by_qgis(plugin_copy, iface, monkeypatch) as started:
        assert started, "QGIS showed a traceback"
        after = qgis_state(iface)
        lines = critical_lines(iface)

    assert after == before
    assert len(lines) == 1 and missing in lines[0] and "\n" not in lines[0], lines  # in French once translated


def test_a_missing_translation_leaves_the_plugin_working_in_english_and_says_what_to_reinstall(
    iface, plugin_copy, monkeypatch
):
    use_language("fr")
    (plugin_copy / "resources" / "i18n" / f"{PLUGIN}_fr.qm").unlink()

    with started_by_qgis(plugin_copy, iface, monkeypatch) as started:
        assert started
        menu_bar = [action.text() for action in iface.mainWindow().menuBar().actions()]
        warnings = iface.messageBar().get_messages(Qgis.MessageLevel.Warning)
        assert "Atelier des Territoires" in menu_bar
        assert warnings == [f"Atelier des Territoires:{incomplete(f'resources/i18n/{PLUGIN}_fr.qm')}"]
        assert critical_lines(iface) == []


def test_the_complete_copy_starts_without_a_message(iface, plugin_copy, monkeypatch):
    """The other tests' copies fail for the file they lack, not for the copying."""
    use_language("fr")
    with started_by_qgis(plugin_copy, iface, monkeypatch) as started:
        assert started
        assert "Atelier des Territoires" in [action.text() for action in iface.mainWindow().menuBar().actions()]
        assert critical_lines(iface) == []
        assert iface.messageBar().get_messages(Qgis.MessageLevel.Warning) == []


def test_a_library_missing_when_the_plugin_starts_is_named_with_how_to_get_it(qgis_app, monkeypatch):
    monkeypatch.setitem(sys.modules, "PIL", None)  # as in a minimal OSGeo4W QGIS
    with pytest.raises(ModuleNotFoundError) as missing:
        import PIL.Image  # noqa: F401 - the import a module of the plugin would make at start

    line = start_failure(missing.value)

    assert line.startswith("The plugin needs the Python library Pillow, which this QGIS does not have.")
    assert "python -m pip install pillow" in line and "python3-pil" in line
