"""A team's project file: `hmic.toml`, or `[tool.hmic]` in `pyproject.toml`, found in the current
folder or the nearest parent (stopping at a repository root, a folder holding `.git`, or at the
file system's root). It names the tracker and the team's settings.

Each setting is taken, per setting: a command's flag > the environment > the project file > the
default. The tracker itself: `--data` > `HMIC_DATA` > the project file > the bundled sample (the
flag and `HMIC_DATA` are the CLI's; `settings().data` is the project file's, resolved relative
to it). `settings()` reads the file once per process (per file and modification time).
"""

from __future__ import annotations

import errno
import os
import re
import sys
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from hmic_cli import defaults
from hmic_cli.errors import UsageError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

FILE_NAME = "hmic.toml"
PYPROJECT = "pyproject.toml"
FAIL_ON = ("overdue", "outstanding", "never")

# key -> (type, environment variable or None). Lists and tables come from the file only.
KEYS: dict[str, tuple[type, str | None]] = {
    "data": (str, None),  # the tracker's own precedence: --data > HMIC_DATA > the file
    "amber_days": (int, "HMIC_AMBER_DAYS"),
    "warn_within": (int, "HMIC_WARN_WITHIN"),
    "fail_on": (str, "HMIC_FAIL_ON"),
    "sign_off": (bool, "HMIC_SIGN_OFF"),
    "approvers": (list, "HMIC_APPROVERS"),  # comma-separated in the environment
    "require_by": (bool, "HMIC_REQUIRE_BY"),
    "require_evidence": (bool, "HMIC_REQUIRE_EVIDENCE"),
    "owners": (dict, None),
    "escalate_after": (int, "HMIC_ESCALATE_AFTER"),
    "escalate_to": (str, "HMIC_ESCALATE_TO"),
    "issuers": (dict, None),  # [issuers.NAME] tables: issuers.py
    # the inspectorate's cycle (issue 31)
    "response_days": (int, "HMIC_RESPONSE_DAYS"),  # every report without its own: a response due N days on
    "verify_after_days": (int, "HMIC_VERIFY_AFTER_DAYS"),  # a closure is verified no sooner than N days on
    "max_revisions": (int, "HMIC_MAX_REVISIONS"),  # due-date revisions an item may have before approval
    "extensions_need_approval": (bool, "HMIC_EXTENSIONS_NEED_APPROVAL"),
}
DAYS_MAX = 3660  # as the --amber-days and --warn-within flags


@dataclass(frozen=True)
class Settings:
    """The team's settings as decided from the environment, the project file and the defaults."""

    data: Path | None = None  # the tracker the project file names, resolved relative to it
    amber_days: int = defaults.AMBER_DAYS
    warn_within: int | None = None
    fail_on: str = "overdue"
    sign_off: bool = False
    approvers: tuple[str, ...] = ()
    require_by: bool = False
    require_evidence: bool = False
    owners: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # name -> e-mail address
    escalate_after: int | None = None
    escalate_to: str | None = None
    issuers: Mapping[str, dict] = field(default_factory=lambda: MappingProxyType({}))  # name -> its table
    response_days: int | None = None
    verify_after_days: int | None = None
    max_revisions: int | None = None
    extensions_need_approval: bool = False
    file: Path | None = None  # the project file used, if any
    origins: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # key -> where it came from


def find(start: Path | None = None) -> Path | None:
    """The project file for `start` (default: the current folder): `hmic.toml`, or a `pyproject.toml`
    holding `[tool.hmic]` (in any form TOML allows), in that folder or the nearest parent; None when
    there is none. A project file that is a dangling link, a link loop or not a file is a UsageError
    naming it: it is never skipped for a parent folder's project."""
    try:
        here = Path(start if start is not None else os.getcwd()).absolute()
    except OSError:  # the working folder was removed under us: there is no folder to search from
        return None
    for folder in (here, *here.parents):
        try:
            candidate = folder / FILE_NAME
            if _present(candidate):
                return candidate
            pyproject = folder / PYPROJECT
            if _present(pyproject) and _has_tool_hmic(pyproject):
                return pyproject
            if (folder / ".git").exists():
                return None
        except PermissionError:  # an unreadable folder ends the search
            return None
    return None


def _present(path: Path) -> bool:
    """Whether `path` is a project file to read: a file (or a link to one). A name that is there but is not
    one (a dangling link, a link loop, a folder) is refused, never passed over."""
    if not os.path.lexists(path):
        return False
    try:
        if path.is_file():
            return True
        path.stat()
        why = "is not a file"
    except OSError as exc:
        why = {errno.ELOOP: "is a link loop", errno.ENOENT: "is a link to nothing (a dangling link)"}.get(
            exc.errno, f"cannot be read: {exc.strerror}")
    raise UsageError(f"{path}: the project file {why}", "fix or remove it (hmic reads the nearest project file)")


def _has_tool_hmic(path: Path) -> bool:
    """Whether a pyproject.toml has a `tool.hmic` table: `[tool.hmic]`, dotted keys (`tool.hmic.data = ...`)
    or an inline table, as a TOML parser reads it. One that is not valid TOML but mentions it is taken
    (and its error reported by `read`)."""
    try:
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return False
    try:
        tool = tomllib.loads(text).get("tool")
    except (tomllib.TOMLDecodeError, RecursionError, MemoryError):
        return _TOOL_HMIC.search(text) is not None
    return isinstance(tool, dict) and "hmic" in tool


_TOOL_HMIC = re.compile(r"^\s*(?:\[\s*tool\s*\.\s*hmic\s*[\].]|tool\s*\.\s*hmic\s*\.)", re.MULTILINE)


_CACHE: dict[tuple, dict] = {}  # (path, mtime, size) -> the checked table
GENERATION = 0  # how many times a project file was read (and checked) in this process


def settings(start: Path | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """The settings for `start` (default: the current folder): environment > project file > default.
    A broken project file, or a bad value in the environment, is a UsageError (exit 2) naming the
    file (or the variable), the line and the key."""
    env = os.environ if environ is None else environ
    path = find(start)
    table: dict = {}
    if path is not None:
        table = read(path)
    values: dict = {}
    origins: dict[str, str] = {}
    for key, (kind, var) in KEYS.items():
        if var and env.get(var, "").strip():
            values[key] = _from_env(var, env[var], key, kind)
            origins[key] = var
        elif key in table:
            values[key] = table[key]
            origins[key] = str(path)
        else:
            origins[key] = "default"
    if "data" in values:
        values["data"] = (path.parent / values["data"]) if path is not None else Path(values["data"])
    if "approvers" in values:
        values["approvers"] = tuple(values["approvers"])
    if "owners" in values:
        values["owners"] = MappingProxyType(dict(values["owners"]))
    if "issuers" in values:
        values["issuers"] = MappingProxyType(dict(values["issuers"]))
    return Settings(**values, file=path, origins=MappingProxyType(origins))


def named_tracker(given: Path, start: Path | None = None) -> Path:
    """A `--data`/`--into` path as the user meant it: one that is not in the current folder but names the
    project's tracker relative to the project file (`--into tracker.json` from a subfolder) is that
    tracker; any other path is itself."""
    try:
        if given.is_absolute() or os.path.lexists(given):
            return given
    except (OSError, ValueError):
        return given
    found = settings(start)
    if found.file is None or found.data is None:
        return given
    beside = found.file.parent / given
    return found.data if os.path.abspath(beside) == os.path.abspath(found.data) else given


def read(path: Path) -> dict:
    """The `hmic` table of a project file, checked: unknown keys and wrong types are errors."""
    try:
        stat = path.stat()
        key = (str(path), stat.st_mtime_ns, stat.st_size)
    except OSError as exc:
        raise UsageError(f"{path}: cannot be read: {exc.strerror or exc}", "check the project file") from None
    if key in _CACHE:
        return _CACHE[key]
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot be read as UTF-8 text: {exc}", "save the project file as UTF-8") from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: not valid TOML: {exc}", "fix the line named, or remove the file") from None
    except (RecursionError, MemoryError):
        raise UsageError(f"{path}: nested too deeply to read (arrays or tables inside each other thousands deep)",
                         "fix the project file: its keys are flat values, lists of names and [owners]") from None
    if path.name == PYPROJECT:
        table = document.get("tool", {}).get("hmic", {})
        section = "tool.hmic"
    else:
        table, section = document, ""
    if not isinstance(table, dict):
        raise UsageError(f"{path}: [tool.hmic] is not a table", "write it as a [tool.hmic] section")
    checked = _checked(path, text, table, section)
    global GENERATION
    GENERATION += 1  # the issuers' registry (issuer_registry) is made anew from the file as read now
    _CACHE[key] = checked
    return checked


def _checked(path: Path, text: str, table: dict, section: str) -> dict:
    for name, value in table.items():
        where = f"{path}:{_line_of(text, name, section)}"
        if name not in KEYS:
            raise UsageError(f"{where}: unknown key '{name}' in the project file",
                             f"the keys are: {', '.join(KEYS)}")
        kind = KEYS[name][0]
        if name == "issuers":
            _check_issuers(path, text, value, section)
            continue
        problem = _type_problem(name, value, kind)
        if problem:
            raise UsageError(f"{where}: key '{name}' {problem}", "fix the value (docs/reference/configuration.md)")
    return dict(table)


def _check_issuers(path: Path, text: str, value: object, section: str) -> None:
    """Each `[issuers.NAME]` table (issuers.table_problem), an error naming the file, the line and the key."""
    # lazy: hmic_cli.issuers adds 3.8 ms to `hmic validate` start-up (python -X importtime)
    from hmic_cli.issuers import table_problem

    outer = f"{section}.issuers" if section else "issuers"
    if not isinstance(value, dict):
        raise UsageError(f"{path}:{_line_of(text, 'issuers', section)}: key 'issuers' must hold [issuers.NAME] tables",
                         "e.g. [issuers.internal-audit.priorities] with 1 = \"1 month\"")
    for name, table in value.items():
        found = table_problem(name, table)
        if found:
            key, problem = found
            section_of, leaf = (f"{outer}.{name}", key) if "." not in key else (
                f"{outer}.{name}.{key.split('.')[0]}", key.split(".", 1)[1])
            line = _line_of(text, leaf, section_of) if key != name else 1
            if line == 1 and "." in key:
                line = _line_of(text, key.split(".")[0], f"{outer}.{name}")
            if line == 1:
                line = _line_of(text, name, outer)
            where = name if key == name else f"{name}.{key}"
            raise UsageError(f"{path}:{line}: key 'issuers.{where}' {problem}",
                             "fix the value (docs/tasks/every-issuer.md)")


def _type_problem(name: str, value: object, kind: type) -> str | None:
    if kind is bool and not isinstance(value, bool):
        return f"must be true or false (got {value!r})"
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            return f"must be a whole number of days (got {value!r})"
        if not 0 <= value <= DAYS_MAX:
            return f"must be from 0 to {DAYS_MAX} days (got {value})"
    if kind is str:
        if not isinstance(value, str) or not value.strip():
            return f"must be a non-empty string (got {value!r})"
        if name != "escalate_to" and any(ord(c) < 0x20 or ord(c) == 0x7f for c in value):  # remind checks its own
            return f"must not hold control characters (a NUL, a line break...; got {value!r})"
        if name == "fail_on" and value not in FAIL_ON:
            return f"must be one of {', '.join(FAIL_ON)} (got {value!r})"
    if kind is list and (not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value)):
        return f"must be a list of names (got {value!r})"
    if kind is list and any(ord(c) < 0x20 or ord(c) == 0x7f for v in value for c in v):
        return f"must be a list of names without control characters (got {value!r})"
    if kind is dict:
        if not isinstance(value, dict):
            return "must be a table of name = \"e-mail address\" ([owners])"
        bad = [k for k, v in value.items() if not isinstance(v, str) or "@" not in v]
        if bad:
            return f"gives '{bad[0]}' no e-mail address (got {value[bad[0]]!r})"
    return None


_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*((?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*'))*)\s*=")


def _dotted(text: str) -> str:
    parts = re.split(r"\s*\.\s*(?=(?:[^\"']|\"[^\"]*\"|'[^']*')*$)", text)
    return ".".join(part.strip().strip("\"'") for part in parts)


def _line_of(text: str, name: str, section: str) -> int:
    """The line where `name` is set in the file's `section` ("" for the top level), in any form TOML
    allows: a key line (`name =`, quoted or not, or dotted from an outer table: `tool.hmic.name =`), a
    table header (`[name]`, `[tool.hmic.name]`) or the line of an inline table holding it. 1 when not found."""
    target = f"{section}.{name}" if section else name
    current = ""
    for number, line in enumerate(text.splitlines(), 1):
        match = _HEADER.match(line)
        if match:
            current = _dotted(match.group(1))
            if current == target or current.startswith(target + "."):
                return number
            continue
        key = _KEY.match(line)
        if key:
            full = f"{current}.{_dotted(key.group(1))}" if current else _dotted(key.group(1))
            if full == target or full.startswith(target + ".") or (target.startswith(full + ".") and "{" in line):
                return number
    return 1


def _from_env(var: str, raw: str, key: str, kind: type) -> object:
    value: object = raw.strip()
    if kind is bool:
        lowered = str(value).lower()
        if lowered not in ("1", "0", "true", "false", "yes", "no", "on", "off"):
            raise UsageError(f"{var}={raw!r} is not true or false", f"set {var} to true or false, or unset it")
        return lowered in ("1", "true", "yes", "on")
    if kind is int:
        try:
            value = int(str(value))
        except ValueError:
            raise UsageError(f"{var}={raw!r} is not a whole number of days", f"set {var} to a number, or unset it") \
                from None
    if kind is list:
        value = [part.strip() for part in str(value).split(",") if part.strip()]
    problem = _type_problem(key, value, kind)
    if problem:
        raise UsageError(f"{var}={raw!r}: {problem}", f"fix {var}, or unset it")
    return value


def origin(key: str, given: Mapping[str, str], base: Settings) -> str:
    """Where the value of `key` comes from: `given` names the flags a command was given."""
    return given.get(key) or base.origins.get(key, "default")


def toml_string(text: str) -> str:
    """`text` as a TOML basic string: quotes, backslashes and every control or format character escaped
    (a file name may hold them). ValueError for text TOML cannot hold (lone surrogates: undecodable bytes)."""
    if any("\ud800" <= c <= "\udfff" for c in text):
        raise ValueError("the name holds bytes that are not UTF-8")
    out = []
    for c in text:
        if c in '"\\':
            out.append("\\" + c)
        elif ord(c) < 0x20 or 0x7f <= ord(c) < 0xa0 or unicodedata.category(c) == "Cf":
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def toml_text(data: str, sign_off: bool = False) -> str:
    """A new project file naming the tracker `data` (beside it), for `hmic init`."""
    quoted = toml_string(data)
    lines = [
        "# hmic project file: hmic finds it from this folder and every folder below it.",
        "# Keys: docs/reference/configuration.md in hmic. A flag or an environment variable overrides each one.",
        f"data = {quoted}",
        f"amber_days = {defaults.AMBER_DAYS}",
        'fail_on = "overdue"',
        f"sign_off = {'true' if sign_off else 'false'}",
        "# approvers = [\"Chief Superintendent Rowe\"]  # who may sign off (unset: anyone but owner and proposer)",
        "# warn_within = 30",
        "# require_by = true        # every write names its author (--by, HMIC_USER or git config user.name)",
        "# require_evidence = true  # closing an item needs --evidence",
        "# response_days = 56       # a published response due 56 days after each report (PCC, s55)",
        "# verify_after_days = 90   # a closed item is 'implemented' until verified, no sooner than 90 days on",
        "# max_revisions = 1        # a due date moves once; a further move waits for an approver",
        "# extensions_need_approval = true",
        "",
        "[owners]",
        "# \"DI Patel\" = \"a.patel@example.police.uk\"",
        "",
    ]
    return "\n".join(lines)
