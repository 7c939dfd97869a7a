"""`hmic update`: history and evidence recorded safely; every refusal leaves the file's bytes alone."""

from __future__ import annotations

import json

import pytest
from filelock import FileLock

from hmic_cli.store.atomic import lock_path
from hmic_cli.store.loading import bundled_path, load
from tests.conftest import flat


def history(path, rec_id):
    doc = json.loads(path.read_text(encoding="utf-8"))
    return next(r for r in doc["recommendations"] if r["id"] == rec_id)


def test_update_appends_history_and_sets_status(invoke, data_copy):
    result = invoke("--data", data_copy, "update", "NCP-3", "--status", "in-progress", "--note", "Audit started",
                    "--evidence", "https://example.org/audit", "--by", "J. Smith", "--on", "2014-03-01")
    assert result.exit_code == 0, result.stderr
    assert "Recorded NCP-3" in result.stderr and result.stdout == ""
    rec = history(data_copy, "NCP-3")
    assert rec["status"] == "in-progress"
    assert rec["history"][-1] == {"on": "2014-03-01", "status": "in-progress", "note": "Audit started",
                                  "by": "J. Smith", "evidence": "https://example.org/audit"}
    load(data_copy, check_keys=True)  # still valid
    shown = json.loads(invoke("--data", data_copy, "show", "NCP-3", "--format", "json").stdout)
    assert shown["history"][-1]["evidence"] == "https://example.org/audit"
    assert "Audit started" in flat(invoke("--data", data_copy, "show", "NCP-3").stdout)


def test_command_level_data_option_and_default_date(invoke, data_copy):
    result = invoke("update", "NCP-1", "--status", "complete", "--data", data_copy)
    assert result.exit_code == 0, result.stderr
    entry = history(data_copy, "NCP-1")["history"][-1]
    assert entry["status"] == "complete" and entry["note"] == "Status set to complete."
    assert entry["on"] == __import__("datetime").date.today().isoformat()


def test_saving_keeps_the_file_diff_friendly(invoke, data_copy):
    before = data_copy.read_bytes()
    invoke("--data", data_copy, "update", "NCP-5", "--status", "in-progress", "--on", "2014-02-01")
    after = data_copy.read_bytes()
    assert after.endswith(b"}\n")
    old_doc, new_doc = json.loads(before), json.loads(after)
    # key order kept everywhere, including in the changed item
    assert list(new_doc["recommendations"][4]) == list(old_doc["recommendations"][4])
    # every other item is byte-for-byte unchanged: only lines inside NCP-5 differ
    old_lines, new_lines = before.decode().splitlines(), after.decode().splitlines()
    start = next(i for i, line in enumerate(old_lines) if '"id": "NCP-5"' in line)
    end = next(i for i, line in enumerate(old_lines) if '"id": "NCP-6"' in line)
    added = len(new_lines) - len(old_lines)
    assert old_lines[:start] == new_lines[:start]
    assert old_lines[end - 2:] == new_lines[end - 2 + added:]
    assert '      "status": "in-progress",' in new_lines  # 2-space indent at the item's level


def test_a_file_with_4_space_indent_keeps_its_other_bytes(invoke, tmp_path):
    path = tmp_path / "wide.json"
    text = json.dumps(json.loads(bundled_path().read_text()), indent=4, ensure_ascii=False)
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())  # with a BOM, and no trailing newline
    assert invoke("--data", path, "update", "NCP-9", "--status", "in-progress").exit_code == 0
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf")  # the BOM is kept
    head = text[: text.index('"id": "NCP-9"')]
    new_text = after.decode("utf-8-sig")
    assert new_text.startswith(head)  # everything before the item, and its 4-space indent
    assert new_text.endswith("\n            ]\n        }\n    ]\n}\n")


@pytest.mark.parametrize(("args", "code", "fragment"), [
    (["update", "NCP-99", "--status", "complete"], 2, "did you mean NCP-9"),
    (["update", "NCP-1", "--status", "complete", "--on", "2014-01-01"], 2,
     "before NCP-1's report was published (2014-01-28)"),
    (["update", "NCP-1", "--status", "complete", "--on", "2999-01-01"], 2, "in the future"),
    (["update", "NCP-1", "--status", "open"], 2, "already 'open'"),
    (["update", "NCP-1", "--status", "finished"], 2, "complete"),
    (["update", "NCP-1", "--status", "complete", "--on", "2014-02-30"], 2, "not a date"),
    (["edit", "NCP-1", "--owner", "DI Patel", "--on", "2014-01-27"], 2, "report was published (2014-01-28)"),
    (["waive", "NCP-1", "--until", "2014-09-01", "--reason", "x", "--on", "2014-01-27"], 2, "report was published"),
    (["update", "NCP-1", "--inspectorate", "being-progressed", "--on", "2014-01-27"], 2, "report was published"),
])
def test_refusals_leave_the_file_unchanged(invoke, data_copy, args, code, fragment):
    before = data_copy.read_bytes()
    result = invoke("--data", data_copy, *args)
    assert result.exit_code == code
    assert fragment in " ".join(result.stderr.replace("│", " ").split())
    assert data_copy.read_bytes() == before


def test_refuses_to_write_the_bundled_copy(invoke):
    before = bundled_path().read_bytes()
    result = invoke("update", "NCP-1", "--status", "complete")
    assert result.exit_code == 2
    assert "hmic init" in result.stderr
    assert bundled_path().read_bytes() == before


@pytest.mark.parametrize("damage", [
    lambda t: t.replace('"deadline": "immediate"', '"deadline": "soon"', 1),
    lambda t: t[:-20],
    lambda t: t.replace('"status": "open",', '"status": "open", "status": "open",', 1),
])
def test_an_invalid_file_is_never_overwritten(invoke, data_copy, damage):
    data_copy.write_text(damage(data_copy.read_text(encoding="utf-8")), encoding="utf-8")
    before = data_copy.read_bytes()
    result = invoke("--data", data_copy, "update", "NCP-2", "--status", "complete")
    assert result.exit_code == 3
    assert data_copy.read_bytes() == before


def test_a_lock_that_cannot_be_had_gives_exit_3_and_writes_nothing(runner, data_copy):
    from hmic_cli.cli import app

    before = data_copy.read_bytes()
    with FileLock(str(lock_path(data_copy))):
        result = runner.invoke(app, ["--data", str(data_copy), "update", "NCP-2", "--status", "complete"],
                               env={"HMIC_LOCK_TIMEOUT": "0.2"})
    assert result.exit_code == 3
    assert "holds the lock" in result.stderr and "nothing was written" in result.stderr
    assert data_copy.read_bytes() == before


def test_a_file_changed_behind_the_locks_back_is_not_overwritten(data_copy, monkeypatch):
    """Another editor (not hmic, so not locking) saves while the update is being prepared."""
    from datetime import date

    from hmic_cli import plans
    from hmic_cli.errors import DataError
    from hmic_cli.models import Status
    from hmic_cli.store import transaction

    real = transaction._validate

    def meanwhile(path, loaded, changed):
        real(path, loaded, changed)
        path.write_text(path.read_text().replace("Made in the report.", "Edited elsewhere."))

    monkeypatch.setattr(transaction, "_validate", meanwhile)
    with pytest.raises(DataError, match="changed on disk"):
        change = plans.StatusUpdate("NCP-1", Status.complete)
        transaction.apply(data_copy, "update", plans.update(change, date(2020, 1, 1)))
    assert "Edited elsewhere." in data_copy.read_text() and '"complete"' not in data_copy.read_text()


def _plan(**parts):
    from hmic_cli.store import transaction

    return lambda loaded: transaction.Plan(**parts)


@pytest.mark.parametrize(("plan", "place", "what"), [
    (dict(append={"recommendations": [dict(id="NEW-1", report="northamptonshire-child-protection-2014", text="New.",
                                           deadline="immediate", themes=["no-such-theme"], status="open")]}),
     "recommendations[9].themes[0]", "unknown theme id 'no-such-theme'"),
    (dict(append={"recommendations": [dict(id="NCP-2", report="northamptonshire-child-protection-2014", text="Again.",
                                           deadline="immediate", themes=["custody"], status="open")]}),
     "recommendations[9].id", "duplicate id 'NCP-2'"),
    (dict(edits={1: lambda rec: {**rec, "status": "complete"}}),  # its history ends "open"
     "recommendations[1].status", "status is 'complete' but the last history entry says"),
    (dict(append={"themes": [dict(id="custody", label="Again", description="")]}),
     "themes[9].id", "duplicate id 'custody'"),
    (dict(append={"recommendations": [dict(id="NEW-1", report="northamptonshire-child-protection-2014", text="New.",
                                           deadline="soon", themes=["custody"], status="open")]}),
     "recommendations[9].deadline", "Input should be"),
])
def test_a_change_that_breaks_a_cross_check_is_never_written(data_copy, bundled, plan, place, what):
    """The write path validates the new values and cross-checks them against the rest before saving."""
    from hmic_cli.errors import DataError
    from hmic_cli.store import transaction

    assert len(bundled["recommendations"]) == 9 and len(bundled["themes"]) == 9
    before = data_copy.read_bytes()
    with pytest.raises(DataError) as caught:
        transaction.apply(data_copy, "test", _plan(**plan))
    found = {(p.path, p.message.split(": ", 1)[1][:len(what)]) for p in caught.value.problems}
    assert (place, what) in found
    assert data_copy.read_bytes() == before


def test_progress_is_back_filled_after_the_entry_that_opened_the_item(invoke, data_copy):
    """An action added today (its opening entry dated today) takes progress dated any day from its report's
    publication on: the opening entry stays first, the status is the back-filled one, the file stays valid,
    and a later update is still never dated before that progress."""
    today = __import__("datetime").date.today().isoformat()
    added = invoke("--data", data_copy, "add", "--parent", "NCP-3", "--type", "action", "--text", "Audit the MASH.",
                   "--deadline", "immediate")
    assert added.exit_code == 0, added.stderr
    done = invoke("--data", data_copy, "update", "NCP-3.1", "--status", "in-progress", "--note", "Audit started.",
                  "--on", "2014-03-01")
    assert done.exit_code == 0, done.stderr
    rec = history(data_copy, "NCP-3.1")
    assert [(e["on"], e["status"]) for e in rec["history"]] == [(today, "open"), ("2014-03-01", "in-progress")]
    assert rec["status"] == "in-progress"
    load(data_copy, check_keys=True)  # still valid
    assert invoke("--data", data_copy, "validate").exit_code == 0
    earlier = invoke("--data", data_copy, "update", "NCP-3.1", "--status", "complete", "--on", "2014-02-01")
    assert earlier.exit_code == 2 and "before NCP-3.1's last history entry (2014-03-01)" in flat(earlier.stderr)
    before = invoke("--data", data_copy, "update", "NCP-3.1", "--status", "complete", "--on", "2014-01-27")
    assert before.exit_code == 2 and "before NCP-3.1's report was published (2014-01-28)" in flat(before.stderr)
    later = invoke("--data", data_copy, "update", "NCP-3.1", "--status", "complete", "--note", "Done.",
                   "--on", "2014-04-01")
    assert later.exit_code == 0, later.stderr
    assert [e["on"] for e in history(data_copy, "NCP-3.1")["history"]] == [today, "2014-03-01", "2014-04-01"]
    shown = json.loads(invoke("--data", data_copy, "show", "NCP-3.1", "--format", "json").stdout)
    assert shown["status"] == "complete" and shown["completed_on"] == "2014-04-01"
