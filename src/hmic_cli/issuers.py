"""Who issued a report, and the words each issuer uses (schema_version 2: `reports[].issuer`).

Every item's stored `type` stays one of the core codes (recommendation, area-for-improvement,
cause-of-concern, accelerated ones, action); an issuer only says how each is shown to people. Each
bundled issuer brings its words for the types, its priorities (each with the deadline it implies,
a span from the report's publication: calendar months or days), the responses it asks for, its
response window in days (56 for a coroner and the IOPC) and the statuses it publishes. A project
file's `[issuers.NAME]` tables override a bundled issuer's values (key by key) or define a new
issuer (`table_problem` checks them; `merged` lays them over the bundled ones). `issuer_registry.active()` is
the registry for the current folder's project file, and where an item's issuer is looked up.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from types import MappingProxyType

from hmic_cli.dates import add_months
from hmic_cli.errors import UsageError
from hmic_cli.vocabulary import TYPE_WORDS, word

DEFAULT = "hmicfrs"
_EMPTY: Mapping = MappingProxyType({})


@dataclass(frozen=True)
class Span:
    """A deadline a priority implies: `amount` calendar months or days from the report's publication."""

    amount: int
    unit: str  # "months" or "days"

    def after(self, published: date) -> date:
        return add_months(published, self.amount) if self.unit == "months" else published + timedelta(self.amount)

    def __str__(self) -> str:
        unit = self.unit if self.amount != 1 else self.unit[:-1]
        return f"{self.amount} {unit}"


@dataclass(frozen=True)
class Issuer:
    name: str
    label: str  # how people name it: "HMI Prisons"
    # core type code -> the issuer's words (a code absent: the core words)
    types: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    # priority label -> the deadline it implies (None: no rule)
    priorities: Mapping[str, Span | None] = field(default_factory=lambda: _EMPTY)
    response_days: int | None = None
    responses: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()


CORE_WORDS = {kind.value: words[0] for kind, words in TYPE_WORDS.items()}  # vocabulary: one place
_PRIORITY_SPANS = {"1": Span(1, "months"), "2": Span(3, "months"), "3": Span(6, "months")}


def _frozen(mapping: dict) -> Mapping:
    return MappingProxyType(dict(mapping))


BUNDLED: dict[str, Issuer] = {issuer.name: issuer for issuer in (
    Issuer("hmicfrs", "HMICFRS", statuses=("being progressed", "awaiting review", "complete",
                                           "no further action needed", "partly achieved", "disputed")),
    Issuer("hmics", "HMICS",
           _frozen({"area-for-improvement": "area for development"})),
    Issuer("hmi-prisons", "HMI Prisons",  # its concerns come as priority concerns and key concerns (the priority)
           _frozen({"cause-of-concern": "concern"}),
           _frozen({"priority concern": None, "key concern": None}),
           statuses=("achieved", "partially achieved", "not achieved")),
    Issuer("hmi-probation", "HMI Probation", responses=("agreed", "partly agreed", "not agreed")),
    Issuer("hmcpsi", "HMCPSI",
           _frozen({"area-for-improvement": "aspect for improvement", "cause-of-concern": "issue to address"})),
    Issuer("iopc", "IOPC", _frozen({"recommendation": "learning recommendation"}),
           response_days=56, responses=("accepted", "not accepted"), statuses=("accepted", "implemented")),
    Issuer("coroner", "Coroner", _frozen({"recommendation": "matter of concern"}),
           response_days=56),
    Issuer("internal-audit", "Internal audit", _frozen({"recommendation": "finding"}),
           _frozen({**_PRIORITY_SPANS, "high": _PRIORITY_SPANS["1"], "medium": _PRIORITY_SPANS["2"],
                    "low": _PRIORITY_SPANS["3"]}),
           statuses=("implemented", "partly implemented", "not implemented")),
    Issuer("other", "Other"),
)}
KEYS = ("types", "priorities", "response_days", "statuses")


def type_words(issuer: Issuer | None, code: str) -> str:
    """How `issuer` names an item of type `code` ("matter of concern"); the core words otherwise."""
    if issuer is not None and code in issuer.types:
        return issuer.types[code]
    return CORE_WORDS.get(code) or word(code)


def check_priority(issuer: Issuer, priority: str) -> str:
    """`priority` as stored: one of the issuer's priorities when it has them (exit 2 otherwise)."""
    text = priority.strip()
    if issuer.priorities:
        matches = [p for p in issuer.priorities if p.casefold() == text.casefold()]
        if not matches:
            raise UsageError(f"'{priority}' is not a priority of {issuer.label}",
                             f"its priorities: {', '.join(issuer.priorities)}")
        return matches[0]
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 _-]{0,23}", text):
        raise UsageError(f"--priority {priority!r} is not a usable priority",
                         "use a short word or number, e.g. 1 or high")
    return text


# --- the project file's [issuers.NAME] tables -------------------------------------------------------------

_SPAN = re.compile(r"^\s*(\d{1,4})\s*(month|months|day|days)\s*$", re.IGNORECASE)


def merged(table: Mapping[str, dict] | None) -> dict[str, Issuer]:
    """The bundled issuers with the project file's (already checked) `[issuers.NAME]` tables laid over them."""
    registry = dict(BUNDLED)
    for name, values in (table or {}).items():
        base = registry.get(name) or Issuer(name, name)
        changes: dict = {}
        if "types" in values:
            changes["types"] = _frozen({**base.types, **values["types"]})
        if "priorities" in values:
            changes["priorities"] = _frozen({k: _span(v) for k, v in values["priorities"].items()})
        if "response_days" in values:
            changes["response_days"] = values["response_days"]
        if "statuses" in values:
            changes["statuses"] = tuple(values["statuses"])
        registry[name] = replace(base, **changes)
    return registry


def _span(value: str) -> Span:
    match = _SPAN.match(value)
    amount, unit = int(match.group(1)), match.group(2).lower()
    return Span(amount, unit if unit.endswith("s") else unit + "s")


def table_problem(name: str, values: object) -> tuple[str, str] | None:
    """(key, what is wrong) for a project file's `[issuers.NAME]` table, None when it is good."""
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", name):
        return name, "is not an issuer name (lower-case words joined by '-', e.g. 'internal-audit')"
    if not isinstance(values, dict):
        return name, "must be a table ([issuers.NAME] with keys " + ", ".join(KEYS) + ")"
    for key, value in values.items():
        problem = _value_problem(key, value)
        if problem:
            inner = problem[0] if isinstance(problem, tuple) else None
            return (f"{key}.{inner}" if inner else key), (problem[1] if inner else problem)
    return None


def _value_problem(key: str, value: object) -> str | tuple[str, str] | None:
    """What is wrong with one key of an issuer's table; (inner key, what) when it is a key inside it."""
    if key not in KEYS:
        return f"is not an issuer key (the keys are: {', '.join(KEYS)})"
    if key == "types":
        if not isinstance(value, dict):
            return 'must be a table of type = "words", e.g. recommendation = "finding"'
        for code, words in value.items():
            if code not in CORE_WORDS:
                return code, f"is not a type (types: {', '.join(CORE_WORDS)})"
            if not isinstance(words, str) or not words.strip():
                return code, f"gives no words (got {words!r})"
    if key == "priorities":
        if not isinstance(value, dict) or not value:
            return 'must be a table of priority = "span", e.g. 1 = "1 month"'
        for label, span in value.items():
            if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 _-]{0,23}", label):
                return label, "is not a priority name (a short word or number)"
            if not isinstance(span, str) or not _SPAN.match(span):
                return label, f"is {span!r}: write a span from publication, e.g. \"1 month\" or \"28 days\""
    if key == "response_days" and (isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= 3660):
        return f"must be a whole number of days from 1 to 3660 (got {value!r})"
    if key == "statuses" and (not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value)):
        return f"must be a list of the statuses the issuer publishes (got {value!r})"
    return None
