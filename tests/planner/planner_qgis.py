"""A planner's QGIS 3.44, driven from this machine: the plugin's ZIP in a fresh profile, the command line, QGIS.

The QGIS is the 3.44 root's own (scripts/qgis_root.sh), run by its ``planner`` subcommand: the root's
system Python with Debian's QGIS, without the project's virtual environment and without the
libraries that a minimal OSGeo4W install lacks. The standalone installer's libraries (Pillow,
pandas, geopandas, shapely, with pyogrio that geopandas reads files with) are added, when asked,
as a folder on PYTHONPATH, installed by the root's pip with ``--target``: the way that installer
gives its Python its own copies, without touching the root that ``make test QGIS=3.44`` uses.

Everything a run reads or writes lives under the project's build/ folder, which the root sees at
the same path.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import REPO, SAMPLE_DATA

BUILD = REPO / "build" / "planner"
SAMPLE = SAMPLE_DATA / "bassee_montois_atelier.gpkg"
# Planners rename their files: a space, an apostrophe and accents, as in "Atelier Bassée v2 - relu.gpkg".
ATELIER_NAME = "Atelier Bassée v2 - l'été.gpkg"
QGIS_VERSION = "3.44"
QGIS_ROOTS = Path(os.environ.get("QGIS_ROOTS", "/var/cache/bassee-atelier-plugin/qgis-roots"))
ROOT_SCRIPT = REPO / "scripts" / "qgis_root.sh"
PLUGIN = "bassee_atelier_plugin"
IN_QGIS = Path(__file__).resolve().parent / "in_qgis.py"
# What Windows' standalone installer adds to a minimal OSGeo4W QGIS, at the project's own pins.
STANDALONE_LIBRARIES = ("pillow", "pandas", "geopandas", "shapely", "pyogrio")
# A Windows profile folder: C:\Users\<name>\AppData\Roaming\QGIS\QGIS3, a name with an accent and a space.
PROFILES = Path("Hélène Dupont") / "QGIS3"
PROFILE = "default"
SCREEN = "-screen 0 1280x800x24"
# The passes: a minimal OSGeo4W QGIS (QGIS alone), then Windows' standalone installer (its libraries added).
MINIMAL, STANDALONE = "minimal-osgeo4w", "standalone-installer"
# What each pass lacks, as the one-line message names them: only what a feature may then say it needs.
LACKING = {MINIMAL: ("Pillow", "pandas", "geopandas", "shapely", "pyogrio"), STANDALONE: ()}
OUTCOMES: list[tuple[str, str, str]] = []  # (pass, command, what it did), for the summary at the end


@dataclass
class Finished:
    """What a command gave back: its exit code and its two outputs, whole."""

    returncode: int
    stdout: str
    stderr: str


def run_in_root(command: list[str], timeout: float, in_root: bool = True) -> Finished:
    """``scripts/qgis_root.sh 3.44 planner COMMAND`` (or COMMAND on this machine); on timeout all of it stops."""
    process = subprocess.Popen(
        [str(ROOT_SCRIPT), QGIS_VERSION, "planner", *command] if in_root else command,
        # as on a planner's machine, Python keeps the plugin's compiled modules (the root starts from a clean one)
        env={name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        start_new_session=True,  # its own process group: the chroot's processes go with it
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
        raise AssertionError(f"{command} still ran after {timeout} s:\n{stdout[-2000:]}\n{stderr[-2000:]}") from None
    return Finished(process.returncode, stdout, stderr)


def install_standalone_libraries(folder: Path) -> Path:
    """The standalone installer's libraries, by the root's pip, at the versions requirements-dev.txt pins."""
    pins = [
        line
        for line in (REPO / "requirements-dev.txt").read_text().splitlines()
        if line.split("==")[0].strip().lower() in STANDALONE_LIBRARIES
    ]
    requirements = folder.parent / "standalone-requirements.txt"
    requirements.write_text("\n".join(pins) + "\n")
    # --no-deps: numpy, dateutil, pytz, pyproj and packaging are QGIS's own, never a second copy
    command = ["python3", "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(folder), "-r"]
    finished = run_in_root([*command, str(requirements)], timeout=900)
    assert finished.returncode == 0, finished.stderr[-3000:]
    return folder


class PlannerQgis:
    """A fresh QGIS profile in ``folder`` and the ways a planner uses the plugin installed in it.

    ``in_root=False``: this machine's own QGIS instead of the 3.44 root's (the start-up benchmark's 3.22).
    """

    def __init__(self, folder: Path, libraries: Path | None = None, in_root: bool = True):
        self.folder = folder
        self.in_root = in_root
        self.name = folder.name
        self.libraries = libraries  # the standalone installer's, or None for a minimal OSGeo4W
        self.work = folder / "work"  # the commands' working folder: no plugin in it to import by mistake
        self.work.mkdir(parents=True, exist_ok=True)

    @property
    def profiles(self) -> Path:
        return self.folder / PROFILES

    @property
    def profile(self) -> Path:
        return self.profiles / "profiles" / PROFILE

    @property
    def plugins(self) -> Path:
        return self.profile / "python" / "plugins"

    def unzip(self, plugin_zip: Path) -> None:
        """What QGIS's "Install from ZIP" does: remove the plugin's folder, extract the ZIP, enable it."""
        shutil.rmtree(self.plugins / PLUGIN, ignore_errors=True)
        self.plugins.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(plugin_zip) as archive:
            archive.extractall(self.plugins)
        self.prepare()

    def prepare(self) -> None:
        """The plugin enabled, QGIS's calls to the internet at start-up off: scripts/prepare_qgis_profile.py."""
        ini = self.profile / "QGIS" / "QGIS3.ini"
        script = REPO / "scripts" / "prepare_qgis_profile.py"
        subprocess.run([sys.executable, str(script), str(ini)], check=True, capture_output=True, timeout=120)

    def python_command(self, arguments: tuple[str, ...], variables: tuple[str, ...] = ()) -> list[str]:
        """The root's /usr/bin/python3, with the profile's plugins importable as on the planner's machine."""
        paths = [str(self.plugins), *([str(self.libraries)] if self.libraries else [])]
        pythonpath = f"PYTHONPATH={os.pathsep.join(paths)}"
        return ["env", "-C", str(self.work), pythonpath, "QT_QPA_PLATFORM=offscreen", *variables, "python3", *arguments]

    def python(self, *arguments: str, timeout: float = 300) -> Finished:
        return run_in_root(self.python_command(arguments), timeout)

    def cli(self, *arguments: str, variables: tuple[str, ...] = (), timeout: float = 900) -> Finished:
        """``python3 -m bassee_atelier_plugin ARGUMENTS``, the plugin imported from the profile."""
        return run_in_root(self.python_command(("-m", PLUGIN, *arguments), variables), timeout)

    def serve(self, *arguments: str) -> ServeProcess:
        command = self.python_command(("-m", PLUGIN, "serve", *arguments))
        return ServeProcess([str(ROOT_SCRIPT), QGIS_VERSION, "planner", *command])

    def start_qgis(self, task: dict | None = None, timeout: float = 300, atelier: Path | None = None) -> dict:
        """Start the real QGIS on this profile (tests/planner/in_qgis.py's report), then quit it.

        With ``atelier``, QGIS opens its stored project, as ``make run`` does.
        """
        task_file = self.folder / "qgis-task.json"
        report = self.folder / "qgis-report.json"
        report.unlink(missing_ok=True)
        task_file.write_text(json.dumps({**(task or {}), "report": str(report)}))
        variables = [f"PLANNER_TASK={task_file}", *([f"PYTHONPATH={self.libraries}"] if self.libraries else [])]
        qgis = ["qgis", "--profiles-path", str(self.profiles), "--profile", PROFILE, "--nologo", "--noversioncheck"]
        command = ["env", "-C", str(self.work), *variables, "xvfb-run", "-a", "-s", SCREEN, *qgis]
        project = ["--project", f"geopackage:{atelier}?projectName=atelier"] if atelier else []
        finished = run_in_root([*command, *project, "--code", str(IN_QGIS)], timeout, self.in_root)
        assert report.exists(), f"QGIS wrote no report (exit {finished.returncode}):\n{finished.stderr[-3000:]}"
        started = json.loads(report.read_text(encoding="utf-8"))
        assert "harness_error" not in started, started.get("harness_error")
        assert finished.returncode == 0, f"QGIS exited with {finished.returncode}:\n{finished.stderr[-3000:]}"
        return started


def fresh_planner(name: str, libraries: Path | None, in_root: bool = True) -> PlannerQgis:
    """A new, empty folder build/planner/NAME for a planner's profile."""
    folder = BUILD / name
    shutil.rmtree(folder, ignore_errors=True)
    return PlannerQgis(folder, libraries, in_root)


class ServeProcess:
    """``serve`` running in the root: its lines as they come, and a stop as Ctrl+C gives it."""

    def __init__(self, command: list[str]):
        self.process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def first_line(self, timeout: float = 300) -> str | None:
        """Its first line of output, or None when it ended without one."""
        return self.lines.get(timeout=timeout)

    def stop(self, timeout: float = 120) -> Finished:
        """Ctrl+C, to the whole process group as a terminal sends it; what it printed after its first line."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            raise AssertionError(f"serve did not stop within {timeout} s of Ctrl+C") from None
        self._reader.join(timeout=30)
        lines = []
        while (line := self.lines.get_nowait()) is not None:
            lines.append(line)
        return Finished(self.process.returncode, "\n".join(lines), self.process.stderr.read())
