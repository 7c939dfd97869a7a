"""The one rule for the day a closed item closed (`history.closed_on`): what `list`, the board paper and
every export show as completed-on (`query.Item.completed_on`) and what `verify` counts its demonstration
period from. Built on hand-made records; `verify` through the CLI on a real tracker."""

from __future__ import annotations

import json
from datetime import date

from typer.testing import CliRunner

from hmic_cli.cli import app
from hmic_cli.history import closed_on
from hmic_cli.models import Change, HistoryEntry, Recommendation
from hmic_cli.query import item
from hmic_cli.vocabulary import Deadline, EditField, Status
from tests.handmade import R1

D = date


def rec(*entries: tuple[date, Status | None], status: Status) -> Recommendation:
    owner_set = Change(**{"field": EditField.owner, "from": None, "to": "X"})
    history = [HistoryEntry(on=on, status=s, note="n") if s is not None else
               HistoryEntry(on=on, note="Owner set.", edit=owner_set) for on, s in entries]
    return Recommendation(id="A-1", report="r1", text="Do it.", deadline=Deadline.immediate, themes=["t"],
                          status=status, history=history)


def test_the_first_of_the_trailing_closing_entries_is_the_day_it_closed():
    owner_then_sign_off = rec((D(2014, 1, 28), Status.open), (D(2014, 3, 1), Status.complete),
                              (D(2014, 3, 20), None), (D(2014, 4, 2), Status.complete), status=Status.complete)
    assert closed_on(owner_then_sign_off) == D(2014, 3, 1)
    reopened_and_closed_again = rec((D(2014, 1, 28), Status.open), (D(2014, 3, 1), Status.complete),
                                    (D(2014, 5, 1), Status.in_progress), (D(2014, 6, 1), Status.superseded),
                                    status=Status.superseded)
    assert closed_on(reopened_and_closed_again) == D(2014, 6, 1)
    still_open = rec((D(2014, 1, 28), Status.open), (D(2014, 3, 1), Status.in_progress), status=Status.in_progress)
    assert closed_on(still_open) is None
    for r in (owner_then_sign_off, reopened_and_closed_again, still_open):  # every reader takes the one rule
        assert item(r, R1, D(2014, 8, 1)).completed_on == closed_on(r)


def test_verify_counts_its_period_from_the_owners_closure_not_a_later_entry(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    env = {"HMIC_USER": "DI Patel", "COLUMNS": "100", "NO_COLOR": "1"}
    assert runner.invoke(app, ["init", "tracker.json"], env=env).exit_code == 0
    (tmp_path / "hmic.toml").write_text("verify_after_days = 30\n" + (tmp_path / "hmic.toml").read_text())
    for on in ("2014-03-01", "2014-03-20"):  # closed by the owner, then closed again (a corrected note)
        done = runner.invoke(app, ["update", "NCP-1", "--status", "complete", "--note", "Done", "--on", on], env=env)
        assert done.exit_code == 0, done.output
    early = runner.invoke(app, ["verify", "NCP-1", "--note", "Held", "--by", "Supt Rowe", "--on", "2014-03-30"],
                          env=env)
    assert early.exit_code == 2 and "closed on 2014-03-01: it can be verified from 2014-03-31" in early.output
    done = runner.invoke(app, ["verify", "NCP-1", "--note", "Held", "--by", "Supt Rowe", "--on", "2014-03-31"],
                         env=env)
    assert done.exit_code == 0, done.output
    saved = next(r for r in json.loads((tmp_path / "tracker.json").read_text())["recommendations"]
                 if r["id"] == "NCP-1")
    assert saved["verified"]["on"] == "2014-03-31"
