"""`hmic merge BASE OURS THEIRS`: a three-way merge of trackers that loses nothing a side recorded.

Reports, themes and items merge by id. History entries and due-date revisions are merged as sets of
entries: those added on either side are kept, an entry removed (or changed) on one side and left as
it was on the other takes that side's change, and the result is in date order with each entry once
(OURS's entry first on a shared day). An item's status is its merged history's last status. Themes
merge as a set. Any other field changed on one side takes that change; the same field changed to
different values on both sides is a conflict: OURS's value is kept and the conflict named. An item
that would not be valid merged (e.g. conflicting due dates with revisions on both sides) is kept as
OURS has it, and named. The merged text is validated before it is returned, so OURS stays a valid
tracker whatever happens. The documents are merged as JSON, so fields this version of hmic does not
model are merged too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from hmic_cli.errors import DataError, Problem
from hmic_cli.jsontext import duplicate_keys, locate
from hmic_cli.jsontext.canonical import canonical
from hmic_cli.jsontext.splice import indent_unit, newline, render
from hmic_cli.opening import opens
from hmic_cli.store.loading import UTF8_BOM, validate_json, without_bom

_MISSING = object()
ENTRY_LISTS = ("history", "due_revisions")
BY_ID = ("reports", "themes", "recommendations")


@dataclass
class Outcome:
    data: bytes  # what OURS should hold
    conflicts: list[str]
    summary: str


def _parse(raw: bytes, name: str, empty_ok: bool) -> dict:
    """One side as JSON, read faithfully or refused: a key given twice (one value would be lost), text
    that is not UTF-8 JSON, or nesting past Python's bounds is a DataError naming the side."""
    body = without_bom(raw)
    if empty_ok and not body.strip():
        return {}  # a file added on both sides: git gives an empty BASE
    try:
        text = body.decode("utf-8")
        duplicates = duplicate_keys.find(text)
        document = json.loads(text)
    except (ValueError, RecursionError, MemoryError) as exc:
        what = "nested too deeply" if isinstance(exc, RecursionError | MemoryError) else f"not valid JSON: {exc}"
        raise DataError(name, [Problem(what)], "nothing was merged; fix the file or merge by hand") from None
    if duplicates:
        raise DataError(name, duplicates, "nothing was merged: a key given twice would lose one of its values; "
                                          "fix the file (hmic validate names each) or merge by hand")
    if not isinstance(document, dict):
        raise DataError(name, [Problem("not a tracker (a JSON object)")], "nothing was merged")
    return document


def merge_bytes(base: bytes, ours: bytes, theirs: bytes, names=("BASE", "OURS", "THEIRS")) -> Outcome:
    """The merged tracker (validated) and the conflicts. The three documents are freed before the
    result is validated, so the process never holds them and the validated models at once."""
    data, merger = _merge_once(base, ours, theirs, names, frozenset())
    conflicts = list(merger.conflicts)  # a re-merge keeping some items whole finds no more than these
    notes: list[str] = []
    for _ in range(2):
        invalid = _invalid_items(data)
        if invalid is None:
            return Outcome(data, conflicts + notes, merger.summary())
        ours_ids = {rec.get("id") for rec in _parse(ours, names[1], False).get("recommendations") or []}
        if not invalid or not set(invalid) <= ours_ids:
            break
        notes += [f"{rec_id}: the merged item would not be valid ({why}); OURS's version kept"
                  for rec_id, why in invalid.items()]
        data, merger = _merge_once(base, ours, theirs, names, frozenset(invalid) | merger.kept)
    notes.append("the merged tracker would not be valid; OURS left as it was")
    return Outcome(ours, conflicts + notes, merger.summary())


def _merge_once(base: bytes, ours: bytes, theirs: bytes, names, keep_ours: frozenset) -> tuple[bytes, _Merger]:
    b = _parse(base, names[0], True)
    o = _parse(ours, names[1], False)
    t = _parse(theirs, names[2], False)
    merger = _Merger(keep_ours)
    merged = merger.document(b, o, t)
    return _dumps(merged, ours, without_bom(ours).decode("utf-8", "replace"), o), merger


def _invalid_items(data: bytes) -> dict[str, str] | None:
    """None when `data` is a valid tracker; else {item id: why} for the items that make it invalid
    ({} when something else does)."""
    from pydantic import ValidationError

    body = without_bom(data)
    try:
        validate_json(body)
        return None
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    items = json.loads(body).get("recommendations") or []
    out: dict[str, str] = {}
    for e in errors:
        loc = list(e["loc"])
        # the place after any leading tag (the schema version a union of models chose)
        at = loc.index("recommendations") if "recommendations" in loc else -1
        if at < 0 or at + 1 >= len(loc) or not isinstance(loc[at + 1], int) or loc[at + 1] >= len(items):
            return {}
        out.setdefault(str(items[loc[at + 1]].get("id")), e["msg"])
    return out


def _dumps(document: dict, ours: bytes, text: str, o: dict | None = None) -> bytes:
    """The merged document as bytes in OURS's style: OURS's own text for what it already had (when only
    its items differ), else the whole document in OURS's indent and line endings."""
    body = text
    out = _spliced(document, o, body) if o is not None else None
    if out is None:
        out = json.dumps(document, indent=indent_unit(body), ensure_ascii=False) + "\n"
        if newline(body) == "\r\n":
            out = out.replace("\n", "\r\n")
    data = out.encode("utf-8")
    return UTF8_BOM + data if ours.startswith(UTF8_BOM) else data


def _spliced(document: dict, o: dict, text: str) -> str | None:
    """OURS's text with its `recommendations` array rebuilt from the merged items: an item OURS holds
    unchanged keeps its exact text; another is written in the style of OURS's first item (one line
    when that is on one line). None when anything outside the items differs, or OURS has no items."""
    key = "recommendations"
    if list(document) != list(o) or any(document[k] is not o[k] and document[k] != o[k] for k in o if k != key):
        return None
    items, ours_items = document.get(key), o.get(key)
    if not isinstance(items, list) or not items or not isinstance(ours_items, list) or not ours_items:
        return None
    try:
        start = locate.array_start(text, key)
        spans, end = locate.walk_array(text, start)
    except (KeyError, ValueError):
        return None
    if len(spans) != len(ours_items):
        return None
    where = {id(rec): span for rec, span in zip(ours_items, spans, strict=True)}
    first = spans[0]
    lead = text[start + 1:first[0]]
    sep = text[first[1]:spans[1][0]] if len(spans) > 1 else "," + lead
    one_line = "\n" not in text[first[0]:first[1]]
    pieces = []
    for rec in items:
        span = where.get(id(rec))
        if span is not None:
            pieces.append(text[span[0]:span[1]])
        else:
            pieces.append(json.dumps(rec, ensure_ascii=False) if one_line else render(rec, text, first[0]))
    return "".join((text[:start + 1], lead, sep.join(pieces), text[spans[-1][1]:]))


class _Merger:
    def __init__(self, keep_ours: frozenset = frozenset()) -> None:
        self.keep_ours = keep_ours  # items to keep as OURS has them (their merge would not be valid)
        self.kept: set = set()
        self.conflicts: list[str] = []
        self.counts = {"items from THEIRS": 0, "items merged": 0, "entries from THEIRS": 0}

    def summary(self) -> str:
        return ", ".join(f"{n} {what}" for what, n in self.counts.items())

    def field(self, where: str, b, o, t):
        """A plain value: one side's change wins; two different changes are a conflict (OURS kept)."""
        if o == t:
            return o
        if o == b:
            return t
        if t == b:
            return o
        self.conflicts.append(f"{where}: changed on both sides (OURS {_show(o)}, THEIRS {_show(t)})")
        return o

    def document(self, b: dict, o: dict, t: dict) -> dict:
        out = {}
        for key in _keys(o, t):
            bv, ov, tv = b.get(key, _MISSING), o.get(key, _MISSING), t.get(key, _MISSING)
            if key in BY_ID and all(isinstance(v, list) or v is _MISSING for v in (bv, ov, tv)):
                value = self.by_id(key, [] if bv is _MISSING else bv, [] if ov is _MISSING else ov,
                                   [] if tv is _MISSING else tv)
            else:
                value = self.field(key, bv, ov, tv)
            if value is not _MISSING:
                out[key] = value
        return out

    def by_id(self, key: str, b: list, o: list, t: list) -> list:
        base = {e.get("id"): e for e in b if isinstance(e, dict)}
        theirs = {e.get("id"): e for e in t if isinstance(e, dict)}
        ours_ids = {e.get("id") for e in o if isinstance(e, dict)}
        out = []
        for entry in o:
            entry_id = entry.get("id") if isinstance(entry, dict) else None
            if entry_id not in theirs:
                if entry_id in base and entry == base[entry_id]:
                    continue  # removed on THEIRS, unchanged on OURS
                if entry_id in base:
                    self.conflicts.append(f"{key} {entry_id}: removed on THEIRS, changed on OURS (OURS kept)")
                out.append(entry)
                continue
            other = theirs[entry_id]
            if key == "recommendations" and entry_id in self.keep_ours:
                self.kept.add(entry_id)
                out.append(entry)
            elif entry == other or other == base.get(entry_id, _MISSING):
                out.append(entry)
            elif entry == base.get(entry_id, _MISSING):
                out.append(other)
            else:
                self.counts["items merged"] += key == "recommendations"
                out.append(self.entry(f"{key} {entry_id}", base.get(entry_id, {}), entry, other,
                                      key == "recommendations"))
        for entry in t:
            entry_id = entry.get("id") if isinstance(entry, dict) else None
            if entry_id in ours_ids:
                continue
            if entry_id in base:
                if entry != base[entry_id]:
                    self.conflicts.append(f"{key} {entry_id}: removed on OURS, changed on THEIRS (removal kept)")
                continue
            self.counts["items from THEIRS"] += key == "recommendations"
            out.append(entry)  # added on THEIRS
        return out

    def entry(self, where: str, b: dict, o: dict, t: dict, item: bool) -> dict:
        out = {}
        keys = _keys(o, t)
        before = len(self.conflicts)
        lists = [k for k in keys if item and k in ENTRY_LISTS]
        for key in [k for k in keys if k not in lists] + lists:  # the fields first: their conflicts are known
            bv, ov, tv = b.get(key, _MISSING), o.get(key, _MISSING), t.get(key, _MISSING)
            if key in lists:
                # A field in conflict keeps OURS's value: THEIRS's edit entries for it are left out with it,
                # so the history still ends on the value the item holds.
                lost = {c.split(":", 1)[0].rsplit(".", 1)[-1] for c in self.conflicts[before:]}
                value = self.entries([] if bv is _MISSING else bv, [] if ov is _MISSING else ov,
                                     [e for e in ([] if tv is _MISSING else tv) if _edited(e) not in lost])
            elif item and key == "themes" and all(isinstance(v, list) for v in (ov, tv)):
                value = _set3([] if bv is _MISSING else bv, ov, tv)
            elif item and key == "status":
                continue  # from the merged history, below
            else:
                value = self.field(f"{where}.{key}", bv, ov, tv)
            if value is not _MISSING:
                out[key] = value
        out = {k: out[k] for k in keys if k in out}
        if item and "status" in o:
            status = self.status(where, b, o, t, out.get("history") or [])
            if status is _MISSING:
                return o  # the two sides' progress cannot be ordered: OURS's item kept whole
            out["status"] = status
            out = {k: out[k] for k in _keys(o, t) if k in out}  # OURS's order of keys
        return out

    def entries(self, b: list, o: list, t: list) -> list:
        """Entries added on either side kept, removals taken, date order, each once."""
        key = canonical
        base = {key(e) for e in b}
        theirs = {key(e) for e in t}
        out, seen = [], set()
        for entry in o:
            k = key(entry)
            if k in base and k not in theirs or k in seen:
                continue  # removed (or changed) on THEIRS
            seen.add(k)
            out.append(entry)
        for entry in t:
            k = key(entry)
            if k in seen or k in base:
                continue  # kept above, or removed on OURS
            seen.add(k)
            self.counts["entries from THEIRS"] += 1
            out.append(entry)
        head = out[:1] if opens(out) else []  # the entry that opened the item stays first (opening.py)
        return head + sorted(out[len(head):], key=lambda e: str(e.get("on", "")) if isinstance(e, dict) else "")

    def status(self, where: str, b: dict, o: dict, t: dict, history: list) -> str:
        bs, os_, ts = b.get("status"), o.get("status"), t.get("status")
        if os_ == ts or ts == bs:
            plain = os_
        elif os_ == bs:
            plain = ts
        else:
            plain = None  # both moved it, differently: the merged history decides
        last = [e for e in history if isinstance(e, dict) and e.get("status") is not None]
        if not last:
            return plain if plain is not None else self.field(f"{where}.status", bs, os_, ts)
        final = last[-1]
        if plain is None:
            tied = [e for e in last if e.get("on") == final.get("on")]
            if len({e.get("status") for e in tied}) > 1:
                self.conflicts.append(f"{where}.status: set on the same day ({final.get('on')}) to {os_} on OURS "
                                      f"and {ts} on THEIRS (OURS's item kept)")
                return _MISSING
        return final.get("status")


def _edited(entry) -> str | None:
    """The field an edit entry changed (None for a status entry)."""
    edit = entry.get("edit") if isinstance(entry, dict) else None
    return edit.get("field") if isinstance(edit, dict) else None


def _keys(o: dict, t: dict) -> list:
    return list(o) + [k for k in t if k not in o]


def _set3(b: list, o: list, t: list) -> list:
    removed = {x for x in b if x not in o or x not in t}
    out = []
    for x in [*o, *t]:
        if x not in removed and x not in out:
            out.append(x)
    return out or list(o)


def _show(value) -> str:
    if value is _MISSING:
        return "(removed)"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."
