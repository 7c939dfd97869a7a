"""Finding, reading and validating a data file; every failure becomes a DataError with places."""

from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from pydantic import ValidationError

from hmic_cli import defaults
from hmic_cli.errors import DataError, Problem
from hmic_cli.jsontext import duplicate_keys
from hmic_cli.messages import note
from hmic_cli.models import DATASET, V2_FIELDS, Dataset
from hmic_cli.store import in_use

MAX_BYTES = defaults.MAX_READ_BYTES  # 2 GiB: well above a national dataset of a million recommendations
UTF8_BOM = b"\xef\xbb\xbf"
_CONFLICT = re.compile(rb"^(<{7}|={7}|>{7}|\|{7})(?: |$)", re.MULTILINE)
_VALIDATE_HINT = "run 'hmic validate' to list every problem"
MAX_DEPTH = 200  # pydantic's JSON parser stops there; a valid file nests 5 levels deep
TOO_DEEP = f"the JSON is nested too deeply: hmic reads at most {MAX_DEPTH} levels (a valid file needs 5)"
_AT_LINE = re.compile(r" at line (\d+) column (\d+)$")


@dataclass
class Loaded:
    dataset: Dataset
    path: Path
    raw: bytes
    bundled: bool

    def text(self) -> str:
        """The file's text, for formats that point at lines in it."""
        return without_bom(self.raw).decode("utf-8")


def without_bom(raw: bytes) -> bytes:
    """The bytes after a UTF-8 byte-order mark, which hmic accepts and ignores."""
    return raw[3:] if raw.startswith(UTF8_BOM) else raw


def bundled_path() -> Path:
    """The dataset shipped inside the package; in an editable install, the checkout's `data/` copy."""
    packaged = Path(str(files("hmic_cli") / "data" / "recommendations.json"))
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[3] / "data" / "recommendations.json"


BUNDLED_NOTE = ("hmic: using the bundled sample (HMIC's 2014 Northamptonshire report): no --data, HMIC_DATA or "
                "hmic.toml names a tracker; start your own with: hmic init tracker.json")


def resolve(path: str | os.PathLike | None, announce: bool = True) -> tuple[Path, bool]:
    """The file to use: `path`, else $HMIC_DATA, else the tracker the project file names (hmic.toml
    or [tool.hmic], from the current folder up), else the bundled sample (True when bundled; with
    `announce`, one line on stderr says so and how to start a tracker)."""
    if path is None or str(path) == "":
        path = os.environ.get(defaults.DATA_ENV) or None
    if path is None:
        # lazy: hmic_cli.project adds 8.1 ms to `hmic --help` start-up (python -X importtime)
        from hmic_cli import project

        path = project.settings().data
    if path is None:
        if announce:
            note(BUNDLED_NOTE)
        return bundled_path(), True
    # lazy: hmic_cli.project adds 8.1 ms to `hmic --help` start-up (python -X importtime)
    from hmic_cli import project

    return project.named_tracker(Path(path)), False


def read(path: Path) -> bytes:
    """The file's bytes, or a DataError that says why they cannot be had."""
    name = str(path)
    try:
        if path.is_dir():
            raise DataError(name, [Problem("is a folder, not a data file")], "give the path of a JSON file")
        raw = read_bounded(path, MAX_BYTES)
        if raw is None:
            raise DataError(name, [Problem(f"the file is over {MAX_BYTES:,} bytes; hmic reads at most {MAX_BYTES:,}")],
                            "split the dataset into smaller files (a device or a pipe is read up to this bound)")
        in_use.record(path)  # no output of this command may replace it
        return raw
    except FileNotFoundError:
        raise DataError(name, [Problem("no such file")],
                        "check the path, or run 'hmic init PATH' to start a tracker file") from None
    except PermissionError:
        raise DataError(name, [Problem("permission denied: the file cannot be read")],
                        "check the file's permissions") from None
    except OSError as exc:
        raise DataError(name, [Problem(f"cannot be read: {exc.strerror or exc}")]) from None


def read_bounded(path: Path, limit: int) -> bytes | None:
    """At most `limit` bytes of `path`, or None when it holds more. Never trusts the size a file
    reports: a device or a pipe (`/dev/zero`, `<(cmd)`) says 0 and may never end."""
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        chunks = []
        total = 0
        want = min(size, limit) + 1 if size else 1 << 16
        while total <= limit:
            chunk = handle.read(min(want, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            want = 1 << 20
    return None if total > limit else b"".join(chunks)


def load(path: str | os.PathLike | None = None, *, check_keys: bool = False) -> Loaded:
    """Read and validate a data file; `check_keys` also rejects duplicate JSON keys (slower)."""
    where, bundled = resolve(path)
    raw = read(where)
    body = without_bom(raw)
    aside = duplicate_keys.Aside(body) if check_keys else None  # on a second core while pydantic validates
    try:
        dataset = validate_json(body)
    except BaseException as exc:
        if aside is not None:
            aside.cancel()
        if isinstance(exc, ValidationError):
            raise DataError(str(where), problems(raw), _VALIDATE_HINT) from None
        if isinstance(exc, RecursionError):
            raise DataError(str(where), [Problem(TOO_DEEP)]) from None
        raise
    if aside is not None:
        found = aside.found()
        if found:
            raise DataError(str(where), found, "keep one of each key: a duplicate is often a bad merge")
    return Loaded(dataset, where, raw, bundled)


def validate_json(body: bytes | str) -> Dataset:
    """Validate a whole file (bytes or text, no byte-order mark) against the schema.

    The garbage collector is not touched here: the `hmic` process keeps it off for its whole
    life (`cli.main`, where the figures are); library callers keep their own policy.
    """
    dataset = DATASET.validate_json(body)
    if dataset.schema_version == 1 and _version_is_bool(body):
        raise ValidationError.from_exception_data("Dataset", [
            {"type": "literal_error", "loc": ("schema_version",), "input": True, "ctx": {"expected": "1 or 2"}}])
    return dataset


_VERSION = re.compile(r'"schema_version"\s*:\s*(true|false)?')
_VERSION_BYTES = re.compile(_VERSION.pattern.encode())


def _version_is_bool(body: bytes | str) -> bool:
    """JSON's `true` is not the number 1, though pydantic's tag lookup takes it as 1: the file's first
    "schema_version" key (the top-level one: a tracker holds no other) holding true or false."""
    found = (_VERSION_BYTES if isinstance(body, bytes) else _VERSION).search(body)
    return bool(found and found.group(1))


def problems(raw: bytes) -> list[Problem]:
    """Every problem with a file's bytes, each with its place; [] when the file is valid."""
    text, found = _decode(raw)
    if found:
        return found
    try:
        found = duplicate_keys.find(text)  # also the syntax check: one parse
    except json.JSONDecodeError as exc:
        what = exc.msg
        if what == "Extra data":
            what = "unexpected text after the end of the JSON document"
        return [Problem(f"not valid JSON: {what}", "", exc.lineno, exc.colno)]
    except RecursionError:
        return [Problem(TOO_DEEP)]
    except ValueError:  # a number longer than Python converts (sys.get_int_max_str_digits)
        return [_long_number(text)]
    try:
        validate_json(text)
    except ValidationError as exc:
        # lazy: hmic_cli.jsontext.source_map adds 1.6 ms to `hmic validate` start-up (python -X importtime)
        from hmic_cli.jsontext.source_map import SourceMap

        smap = SourceMap(text)
        for err in exc.errors(include_url=False):
            found.append(_from_pydantic(err, smap))
    found.sort(key=lambda p: (p.line or 0, p.column or 0))
    return found


def _decode(raw: bytes) -> tuple[str, list[Problem]]:
    if not raw.strip():
        return "", [Problem("the file is empty", "", None, None)]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:4]:
        return "", [Problem("the file is UTF-16 or UTF-32 encoded, not UTF-8: save it as UTF-8")]
    body = without_bom(raw)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = body.count(b"\n", 0, exc.start) + 1
        column = exc.start - (body.rfind(b"\n", 0, exc.start) + 1) + 1
        return "", [Problem(f"not UTF-8: byte 0x{body[exc.start]:02x} cannot be decoded (save the file as UTF-8)",
                            "", line, column)]
    marker = _CONFLICT.search(body)
    if marker:
        line = body.count(b"\n", 0, marker.start()) + 1
        return "", [Problem("a git merge-conflict marker is left in the file: resolve the conflict",
                            "", line, 1)]
    return text, []


def _from_pydantic(err: dict, smap) -> Problem:
    # lazy: hmic_cli.jsontext.locate adds 1.2 ms to `hmic validate` start-up (python -X importtime)
    from hmic_cli.jsontext.locate import dotted

    loc = tuple(err["loc"])
    version = None
    if loc and isinstance(loc[0], int):  # the schema_version a file was validated as (1 or 2)
        version, loc = loc[0], loc[1:]
    kind = err["type"]
    if kind == "union_tag_not_found":
        at = smap.position(())
        return Problem("missing required field 'schema_version'", "", *(at or (None, None)))
    if kind == "union_tag_invalid":
        at = smap.position(("schema_version",))
        return Problem(f"schema_version {_short(err['ctx']['tag'])} is not one hmic reads (1 or 2)", "schema_version",
                       *(at or (None, None)))
    if kind == "json_invalid":
        # text the standard library accepts but pydantic's parser refuses: too deep, NaN, Infinity
        match = _AT_LINE.search(err["msg"])
        where = (int(match.group(1)), int(match.group(2))) if match else (None, None)
        message = TOO_DEEP if "recursion limit" in err["msg"] else f"not valid JSON: {_AT_LINE.sub('', err['msg'])}"
        return Problem(message, "", *where)
    if kind in ("missing", "missing_keyword_argument"):
        message = f"missing required field '{loc[-1]}'"
        at = smap.position(loc[:-1])
    elif kind in ("extra_forbidden", "unexpected_keyword_argument"):
        message = f"unknown field '{loc[-1]}'"
        if loc[-1] in V2_FIELDS and version == 1:
            # not 'hmic migrate': it reads the file as version 1 first, and refuses it for this very field
            message += (" (it needs schema_version 2: set \"schema_version\": 2, which keeps every version 1 "
                        "field, or remove this field)")
        at = smap.position(loc, key=True)
    else:
        message = err["msg"]
        if kind.startswith("date_"):
            message = f"{err['input']!r} is not a real date in YYYY-MM-DD form"
        elif kind in ("string_type", "int_type", "list_type", "model_type", "dataclass_type", "dataclass_args_type",
                      "dict_type", "enum",
                      "literal_error", "string_pattern_mismatch", "date_type", "bool_type"):
            message = f"{message} (got {_short(err['input'])})"
        at = smap.position(loc)
    line, column = at if at else (None, None)
    return Problem(message, dotted(loc), line, column)


def _long_number(text: str) -> Problem:
    limit = sys.get_int_max_str_digits()
    found = re.search(rf"\d{{{limit + 1},}}", text) if limit else None
    if found is None:
        return Problem("not valid JSON: a number too long to read")
    # lazy: hmic_cli.jsontext.locate adds 1.2 ms to `hmic validate` start-up (python -X importtime)
    from hmic_cli.jsontext.locate import line_col

    line, column = line_col(text, found.start())
    return Problem(f"not valid JSON: a number of {len(found.group()):,} digits (hmic reads at most {limit:,})",
                   "", line, column)


def _short(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**100:
        return "a number of over 100 digits"
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."
