"""Who made a change: every write records `by` (README, "A team's tracker").

`--by`, else `HMIC_USER`, else `git config user.name` (run in the current folder, so a
repository's own setting counts), else the login name. With `require_by = true` in the project
file the login name does not count: a write that cannot name its author otherwise is refused.
"""

from __future__ import annotations

import getpass
import os
import shutil
import subprocess

from hmic_cli.errors import UsageError

USER_ENV = "HMIC_USER"
GIT_TIMEOUT = 5.0  # seconds; a git that hangs (a credential prompt, a slow network folder) is not waited for


def git_user_name() -> str | None:
    """`git config user.name` here, or None (no git, not set, or git failed)."""
    git = shutil.which("git")
    if git is None:
        return None
    try:
        done = subprocess.run([git, "config", "user.name"], capture_output=True, timeout=GIT_TIMEOUT,
                              stdin=subprocess.DEVNULL, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    name = done.stdout.decode("utf-8", errors="replace").strip() if done.returncode == 0 else ""
    return name or None


def login_name() -> str | None:
    try:
        return getpass.getuser() or None
    except (OSError, KeyError, ImportError):  # no user database entry, as in some containers
        return None


def author(given: str | None, require: bool = False) -> str | None:
    """The name a write records as `by` (see the module); exit 2 under `require` without one."""
    for name in (given, os.environ.get(USER_ENV)):
        if name is not None and name.strip():
            return name.strip()
    name = git_user_name()
    if name:
        return name
    if require:
        raise UsageError("this tracker's project file sets require_by = true, and no author is named",
                         f"give --by NAME, set {USER_ENV}, or set git config user.name; nothing was written")
    return login_name()
