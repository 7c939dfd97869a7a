"""Finding places in a JSON text (locate) and changing values in it (splice) without a full map."""

from __future__ import annotations

import json

import pytest
from json_source_map import calculate

from hmic_cli.jsontext import locate, splice
from hmic_cli.jsontext.locate import element_span, element_spans, id_lines, line_col
from hmic_cli.jsontext.source_map import SourceMap
from hmic_cli.store.loading import bundled_path

TRICKY = [
    {"id": "A-1", "report": "r", "text": 'Brackets ] } [ { and "quotes", "id": "fake", \\ and \\"', "themes": ["t"],
     "status": "open", "history": [{"on": "2014-01-01", "status": "open", "note": '{"id": "X"}, ['}]},
    {"id": "B.2", "report": "r", "text": "Ünïcödé ✓ and a tab\t", "themes": ["t"], "status": "open",
     "owner": None, "history": []},
    {"id": "C_3", "report": "r", "text": "]},{", "themes": ["t", "u"], "status": "open"},
]


def document(recs=None, reports=None, themes=None) -> dict:
    return {"schema_version": 1,
            "reports": reports if reports is not None else [{"id": "r", "title": "T"}],
            "themes": themes if themes is not None else [{"id": "t", "label": "[T]"}, {"id": "u", "label": "U"}],
            "recommendations": TRICKY if recs is None else recs}


def styles(doc: dict) -> dict[str, str]:
    """The same document as different writers lay it out."""
    compact_items = ',\n    '.join(json.dumps(r, ensure_ascii=False) for r in doc["recommendations"])
    per_line = ('{\n  "schema_version": 1,\n  "reports": ' + json.dumps(doc["reports"], indent=2).replace("\n", "\n  ")
                + ',\n  "themes": ' + json.dumps(doc["themes"], indent=2).replace("\n", "\n  ")
                + ',\n  "recommendations": [\n    ' + compact_items + '\n  ]\n}\n')
    if not doc["recommendations"]:
        per_line = per_line.replace('[\n    \n  ]', '[]')
    return {
        "indent2": json.dumps(doc, indent=2, ensure_ascii=False) + "\n",
        "indent4": json.dumps(doc, indent=4, ensure_ascii=False) + "\n",
        "tab": json.dumps(doc, indent="\t", ensure_ascii=False) + "\n",
        "crlf": json.dumps(doc, indent=2, ensure_ascii=False).replace("\n", "\r\n") + "\r\n",
        "one-line": json.dumps(doc, ensure_ascii=False),
        "tight": json.dumps(doc, separators=(",", ":"), ensure_ascii=False),
        "per-line": per_line,
        "ascii": json.dumps(doc, indent=2),
    }


ALL_STYLES = list(styles(document()))


def spans_by_source_map(text: str, key: str) -> list[tuple[int, int]]:
    entries = calculate(text)
    out = []
    i = 0
    while (entry := entries.get(f"/{key}/{i}")) is not None:
        out.append((entry.value_start.position, entry.value_end.position))
        i += 1
    return out


@pytest.mark.parametrize("style", ALL_STYLES)
@pytest.mark.parametrize("key", ["recommendations", "reports", "themes"])
def test_element_spans_match_a_full_source_map(style, key):
    text = styles(document())[style]
    spans = element_spans(text, key)
    assert spans == spans_by_source_map(text, key)
    assert [json.loads(text[s:e]) for s, e in spans] == document()[key]


@pytest.mark.parametrize("style", ALL_STYLES)
def test_element_span_finds_each_item_alone(style):
    text = styles(document())[style]
    for i, span in enumerate(element_spans(text, "recommendations")):
        assert element_span(text, "recommendations", i) == span
    with pytest.raises(IndexError):
        element_span(text, "recommendations", len(TRICKY))


def test_element_span_when_id_is_not_the_first_key():
    recs = [{"report": "r", "id": f"X{i}", "history": [{"on": "2014-01-01"}]} for i in range(4)]
    recs[2] = {"id": "X2", "report": "r"}  # a mix: some start with "id", some do not
    text = json.dumps(document(recs), indent=2)
    spans = spans_by_source_map(text, "recommendations")
    assert [element_span(text, "recommendations", i) for i in range(4)] == spans


@pytest.mark.parametrize("style", ALL_STYLES)
def test_empty_arrays(style):
    text = styles(document(recs=[], themes=[]))[style]
    assert element_spans(text, "recommendations") == []
    assert element_spans(text, "themes") == []
    assert id_lines(text) == {}
    with pytest.raises(IndexError):
        element_span(text, "recommendations", 0)


def test_missing_array_and_not_an_object():
    with pytest.raises(KeyError):
        element_spans('{"reports": []}', "recommendations")
    with pytest.raises(ValueError):
        element_spans("[1, 2]", "recommendations")


@pytest.mark.parametrize("style", ALL_STYLES)
def test_line_col_counts_characters_from_one(style):
    text = styles(document())[style]
    for offset in range(0, len(text), 7):
        before = text[:offset].split("\n")
        assert line_col(text, offset) == (len(before), len(before[-1]) + 1)


@pytest.mark.parametrize("style", ALL_STYLES)
def test_id_lines_are_the_lines_of_each_items_id_key(style):
    text = styles(document())[style]
    entries = calculate(text)
    expected = {rec["id"]: entries[f"/recommendations/{i}/id"].key_start.line + 1 for i, rec in enumerate(TRICKY)}
    assert id_lines(text) == expected


def test_id_lines_ignore_report_ids_before_and_prefer_items_after():
    doc = document(reports=[{"id": "A-1"}])
    text = json.dumps({"reports": doc["reports"], "recommendations": TRICKY, "themes": [{"id": "B.2"}]}, indent=2)
    entries = calculate(text)
    lines = id_lines(text)
    assert lines["A-1"] == entries["/recommendations/0/id"].key_start.line + 1
    assert lines["B.2"] == entries["/recommendations/1/id"].key_start.line + 1


def test_id_lines_decode_escapes():
    text = '{"recommendations": [\n{"id": "\\u0052\\u0031"}\n]}'
    assert id_lines(text) == {"R1": 2}


@pytest.mark.parametrize("style", ALL_STYLES)
def test_source_map_agrees_with_json_source_map_everywhere(style):
    text = styles(document())[style]
    full = calculate(text)
    smap = SourceMap(text)
    for ptr, entry in full.items():
        loc = [int(p) if p.isdigit() else p for p in ptr.split("/")[1:]]
        assert smap.position(loc) == (entry.value_start.line + 1, entry.value_start.column + 1), ptr
        if entry.key_start is not None:
            assert smap.position(loc, key=True) == (entry.key_start.line + 1, entry.key_start.column + 1), ptr


def test_source_map_falls_back_to_the_nearest_enclosing_value():
    text = styles(document())["indent2"]
    full = calculate(text)
    smap = SourceMap(text)
    item = full["/recommendations/1"].value_start
    assert smap.position(["recommendations", 1, "nope", 3]) == (item.line + 1, item.column + 1)
    array = full["/recommendations"].value_start
    assert smap.position(["recommendations", 99, "id"], key=True) == (array.line + 1, array.column + 1)
    assert smap.position(["nothing"]) == (1, 1)


def test_source_map_of_the_bundled_file():
    text = bundled_path().read_text(encoding="utf-8")
    full = calculate(text)
    smap = SourceMap(text)
    for ptr in ("/recommendations/3/deadline", "/reports/0/published", "/themes/2/label", "/schema_version"):
        loc = [int(p) if p.isdigit() else p for p in ptr.split("/")[1:]]
        where = full[ptr].value_start
        assert smap.position(loc) == (where.line + 1, where.column + 1)


# --- splice ---------------------------------------------------------------------------------------

def assert_only_span_changed(old: str, new: str, start: int, end: int) -> str:
    """Every byte outside [start, end) of `old` is in `new` unchanged; returns the new middle."""
    tail = len(old) - end
    assert new[:start] == old[:start]
    assert new[len(new) - tail:] == old[end:]
    return new[start:len(new) - tail]


def old_edit_value(text, loc, change):
    """The former implementation (a full json-source-map), as the reference for LF files."""
    entry = calculate(text).get(locate.pointer(loc))
    start, end = entry.value_start.position, entry.value_end.position
    value = change(json.loads(text[start:end]))
    line_start = text.rfind("\n", 0, start) + 1
    indent = text[line_start:start]
    indent = indent[: len(indent) - len(indent.lstrip())]
    rendered = json.dumps(value, indent=splice.indent_unit(text), ensure_ascii=False).replace("\n", "\n" + indent)
    return text[:start] + rendered + text[end:]


def touch(item):
    item["status"] = "in-progress"
    item.setdefault("history", []).append({"on": "2014-02-01", "status": "in-progress", "note": 'a "]" b'})
    return item


@pytest.mark.parametrize("style", ALL_STYLES)
@pytest.mark.parametrize("index", [0, 1, 2])
def test_edit_value_changes_one_item_only(style, index):
    text = styles(document())[style]
    start, end = element_spans(text, "recommendations")[index]
    new = splice.edit_value(text, ("recommendations", index), touch)
    expected = json.loads(text)
    touch(expected["recommendations"][index])
    assert json.loads(new) == expected
    middle = assert_only_span_changed(text, new, start, end)
    if style != "crlf":
        assert new == old_edit_value(text, ("recommendations", index), touch)
    else:
        assert "\n" not in middle.replace("\r\n", "")  # the file's own line endings
    if style in ("tab", "indent4"):
        unit = "\t" if style == "tab" else "    "
        assert f"\n{unit * 3}\"status\": \"in-progress\"" in middle


def test_edit_value_of_a_nested_value_and_a_top_level_one():
    text = styles(document())["indent2"]
    new = splice.edit_value(text, ("recommendations", 0, "themes"), lambda v: v + ["u"])
    assert json.loads(new)["recommendations"][0]["themes"] == ["t", "u"]
    assert new == old_edit_value(text, ("recommendations", 0, "themes"), lambda v: v + ["u"])
    new = splice.edit_value(text, ("themes",), lambda v: v[:1])
    assert json.loads(new)["themes"] == document()["themes"][:1]
    assert new == old_edit_value(text, ("themes",), lambda v: v[:1])
    with pytest.raises(KeyError):
        splice.edit_value(text, ("recommendations", 7), touch)
    with pytest.raises(KeyError):
        splice.edit_value(text, ("recommendations", 0, "nope"), touch)


NEW = [{"id": "N-1", "text": 'new "[x]" {y}', "history": [{"on": "2015-01-01"}]}, {"id": "N-2", "themes": []}]


@pytest.mark.parametrize("style", ALL_STYLES)
@pytest.mark.parametrize("key", ["recommendations", "reports", "themes"])
def test_append_values_keeps_every_existing_byte(style, key):
    text = styles(document())[style]
    end = element_spans(text, key)[-1][1]
    new = splice.append_values(text, key, NEW)
    doc = json.loads(text)
    doc[key] += NEW
    assert json.loads(new) == doc
    added = assert_only_span_changed(text, new, end, end)
    assert element_spans(new, key)[: len(document()[key])] == element_spans(text, key)
    if style == "crlf":
        assert "\n" not in added.replace("\r\n", "")
    if style == "per-line" and key == "recommendations":
        assert added == "".join(",\n    " + json.dumps(v, ensure_ascii=False) for v in NEW)
    if style == "indent2" and key == "recommendations":
        assert added.startswith(',\n    {\n      "id": "N-1",')
    if style == "tab":
        assert added.startswith(",\n\t\t{\n\t\t\t\"id\": \"N-1\",")
    if style == "one-line":
        assert "\n" not in added


@pytest.mark.parametrize("style", ALL_STYLES)
@pytest.mark.parametrize("size", [0, 1, 2, 3])
def test_array_tail_from_the_last_ids_agrees_with_the_walk(style, size):
    """Appending reads a long `recommendations` array from its last two "id" keys; where that
    cannot be trusted (an item whose "id" is not its first key) it walks every element."""
    recs = TRICKY[:size]
    for shuffled in (recs, [{"report": r["report"], **r} for r in recs]):
        text = styles(document(recs=shuffled))[style]
        start = locate.array_start(text, "recommendations")
        spans, end = locate.walk_array(text, start)
        assert locate.array_tail(text, "recommendations", size) == (start, spans[-2:], end)
        assert locate.array_tail(text, "recommendations") == (start, spans[-2:], end)
        assert splice.append_values(text, "recommendations", NEW, size) == splice.append_values(
            text, "recommendations", NEW)


def test_array_tail_reads_only_the_last_two_items(monkeypatch):
    text = json.dumps(document(recs=[dict(TRICKY[0], id=f"A{i}") for i in range(50)]), indent=2)
    items_at = locate.array_start(text, "recommendations")
    walked = []
    real = locate.walk_array

    def recording(text, at, *args):
        walked.append(at)
        return real(text, at, *args)

    monkeypatch.setattr(locate, "walk_array", recording)
    start, spans, end = locate.array_tail(text, "recommendations", 50)
    assert [json.loads(text[a:b])["id"] for a, b in spans] == ["A48", "A49"]
    assert start == items_at and text[end - 1] == "]"
    assert items_at not in walked
    locate.array_tail(text, "recommendations")  # without the count it has to walk
    assert items_at in walked


@pytest.mark.parametrize("style", ALL_STYLES)
def test_append_values_to_an_empty_array(style):
    text = styles(document(recs=[]))[style]
    new = splice.append_values(text, "recommendations", NEW)
    doc = json.loads(text)
    doc["recommendations"] = NEW
    assert json.loads(new) == doc
    start = locate.array_start(text, "recommendations")
    close = text.index("]", start)
    assert_only_span_changed(text, new, start + 1, close)
    if style in ("one-line", "tight"):
        assert "\n" not in new
    if style == "indent2":
        assert '"recommendations": [\n    {\n      "id": "N-1",' in new and new.endswith("}\n  ]\n}\n")
    if style == "tab":
        assert '"recommendations": [\n\t\t{\n\t\t\t"id": "N-1",' in new and new.endswith("}\n\t]\n}\n")
    if style == "crlf":
        assert "\n" not in new.replace("\r\n", "")
    assert splice.append_values(new, "recommendations", [{"id": "N-3"}]).count('"N-3"') == 1


def test_append_values_to_an_array_of_one_and_nothing_to_append():
    text = '{"themes": [ {"id": "t"} ], "recommendations": [{"id": "A"}]}'
    new = splice.append_values(text, "themes", [{"id": "u"}])
    assert new == '{"themes": [ {"id": "t"}, {"id": "u"} ], "recommendations": [{"id": "A"}]}'
    new = splice.append_values(text, "recommendations", [{"id": "B"}, {"id": "C"}])
    assert new == '{"themes": [ {"id": "t"} ], "recommendations": [{"id": "A"},{"id": "B"},{"id": "C"}]}'
    assert splice.append_values(text, "themes", []) == text
    with pytest.raises(KeyError):
        splice.append_values(text, "reports", [{}])


def test_splice_of_a_bundled_copy_keeps_it_a_valid_dataset():
    from hmic_cli.models import DATASET

    text = bundled_path().read_text(encoding="utf-8")
    first = json.loads(text)["recommendations"][0]
    copy = dict(first, id="NEW-1")
    new = splice.append_values(text, "recommendations", [copy])
    new = splice.edit_value(new, ("recommendations", 3), touch)
    dataset = DATASET.validate_json(new)
    assert dataset.recommendations[-1].id == "NEW-1"
    assert dataset.recommendations[3].status.value == "in-progress"


@pytest.mark.parametrize("style", ALL_STYLES)
@pytest.mark.parametrize("indexes", [[0], [2], [0, 2], [0, 1, 2]])
def test_edit_elements_is_each_edit_value_in_turn(style, indexes):
    """Many items changed at once (owners' updates) give the bytes that changing each alone gives."""
    text = styles(document())[style]
    one_by_one = text
    for index in sorted(indexes, reverse=True):
        one_by_one = splice.edit_value(one_by_one, ("recommendations", index), touch)
    at_once, _ = splice.edit_elements(text, "recommendations", {index: touch for index in indexes})
    assert at_once == one_by_one
    assert locate.elements_at(text, "recommendations", indexes) == [element_spans(text, "recommendations")[i]
                                                                    for i in indexes]


def test_elements_at_finds_many_items_in_one_pass_and_refuses_one_that_is_not_there():
    recs = [dict(TRICKY[0], id=f"N-{n}") for n in range(50)]
    text = json.dumps(document(recs), indent=2)
    wanted = [0, 7, 8, 31, 49]
    assert locate.elements_at(text, "recommendations", wanted) == [element_spans(text, "recommendations")[i]
                                                                   for i in wanted]
    with pytest.raises(IndexError):
        locate.elements_at(text, "recommendations", [3, 50])


@pytest.mark.parametrize("indexes", [[2, 1], [1, 1], [-1]])
def test_elements_at_refuses_indexes_out_of_order(indexes):
    text = styles(document())["indent2"]
    with pytest.raises(ValueError, match="ascending"):
        locate.elements_at(text, "recommendations", indexes)
