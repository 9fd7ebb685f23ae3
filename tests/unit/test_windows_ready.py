"""The plugin runs on Windows' QGIS: no call or import that only POSIX systems have.

Windows has no user ids, no fork, no fcntl or pwd, and only a few signals (SIGINT, SIGTERM,
SIGABRT...): a single such call in the command line or the plugin is a traceback there.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "bassee_atelier_plugin"

POSIX_MODULES = {"fcntl", "pwd", "grp", "termios", "tty", "pty", "resource", "posix", "syslog", "crypt", "spwd"}
POSIX_ATTRIBUTES = {
    "os": {
        "getuid", "geteuid", "getgid", "getegid", "getgroups", "setuid", "setgid", "fork", "forkpty",
        "killpg", "setsid", "getpgid", "setpgid", "getpgrp", "chown", "lchown", "fchown", "mkfifo",
        "getloadavg", "sync", "uname", "WNOHANG", "wait3", "wait4", "nice", "sched_getaffinity",
    },
    "signal": {
        "SIGKILL", "SIGHUP", "SIGUSR1", "SIGUSR2", "SIGALRM", "SIGCHLD", "SIGQUIT", "SIGPIPE", "SIGSTOP",
        "SIGCONT", "SIGTSTP", "alarm", "setitimer", "pause", "siginterrupt", "pthread_kill",
    },
}  # fmt: skip


def posix_only_uses(source: str) -> list[str]:
    """What ``source`` calls or imports that Windows lacks, as ``module.name`` (or the module)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name.split(".")[0] in POSIX_MODULES]
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            module = node.module.split(".")[0]
            if module in POSIX_MODULES:
                found.append(node.module)
            names = POSIX_ATTRIBUTES.get(module, ())
            found += [f"{module}.{alias.name}" for alias in node.names if alias.name in names]
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if node.attr in POSIX_ATTRIBUTES.get(node.value.id, ()):
                found.append(f"{node.value.id}.{node.attr}")
    return found


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import os\nos.getuid()", ["os.getuid"]),
        ("import fcntl", ["fcntl"]),
        ("from os import fork", ["os.fork"]),
        ("import signal\nsignal.signal(signal.SIGHUP, print)", ["signal.SIGHUP"]),
        ("import signal, os\nsignal.signal(signal.SIGTERM, print)\nos.getpid()", []),
    ],
)
def test_the_check_finds_posix_only_calls(source, expected):
    assert posix_only_uses(source) == expected


def test_no_posix_only_call_in_the_plugin():
    problems = [
        f"{path.relative_to(PACKAGE.parent)}: {use}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if "vendor" not in path.relative_to(PACKAGE).parts  # shipped libraries guard their own calls
        for use in posix_only_uses(path.read_text(encoding="utf-8"))
    ]
    assert problems == [], "Windows lacks these: " + "; ".join(problems)
