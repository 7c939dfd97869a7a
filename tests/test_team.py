"""A tracker a team keeps (issue 20): found without flags, who did what, sign-off by someone else,
actions under recommendations, history that can be back-filled. Through the CLI with the working
folder and the environment set, as a team member would run it (one real process checks the console
script finds the tracker from below)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import HMIC

REPORT = "northamptonshire-child-protection-2014"


def clean_env(home: Path, user: str | None = "DI Patel", **extra: str) -> dict:
    """An environment with no real git configuration, no HMIC_* variables and a pinned terminal."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HMIC_", "GIT_"))}
    env.update({"HOME": str(home), "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
                "COLUMNS": "120", "NO_COLOR": "1", "TERM": "dumb"})
    env.pop("XDG_CONFIG_HOME", None)
    if user is not None:
        env["HMIC_USER"] = user
    env.update(extra)
    return env


def hmic(*args: str, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    """`hmic ARGS` run from `cwd` with exactly the environment `env`, as a team member's shell runs it.
    In-process (Typer's CliRunner, the working folder changed for the call): what these tests check is
    where the tracker is found and who is recorded, not the process (one `hmic` process per call cost
    this module ~90 s of the suite under load). `test_the_installed_hmic_finds_the_tracker_from_below`
    keeps one real process."""
    from typer.testing import CliRunner

    from hmic_cli.cli import app

    here = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner(env={name: None for name in os.environ} | env).invoke(app, [str(a) for a in args])
    finally:
        os.chdir(here)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


def test_the_installed_hmic_finds_the_tracker_from_below(team):
    """One real process: the console script, run from a subfolder, finds the tracker through hmic.toml."""
    folder, env = team
    below = next(p for p in folder.iterdir() if p.is_dir())
    ran = subprocess.run([HMIC, "list", "--format", "json"], cwd=below, env=env, capture_output=True, text=True,
                         timeout=120)
    assert ran.returncode == 0, ran.stderr
    assert json.loads(ran.stdout)["count"] > 0


@pytest.fixture
def team(tmp_path):
    """A fresh folder with `hmic init tracker.json` run in it (and a subfolder), HMIC_USER = DI Patel."""
    folder = tmp_path / "force"
    (folder / "minutes" / "2025").mkdir(parents=True)
    env = clean_env(tmp_path)
    done = hmic("init", "tracker.json", cwd=folder, env=env)
    assert done.returncode == 0, done.stderr
    return folder, env


def test_init_writes_a_project_file_and_every_command_finds_the_tracker_from_below(team):
    folder, env = team
    tracker = folder / "tracker.json"
    assert (folder / "hmic.toml").is_file() and json.loads(tracker.read_text())["schema_version"] == 2
    sub = folder / "minutes" / "2025"
    listed = hmic("list", "--format", "json", cwd=sub, env=env)
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout)["count"] == 9
    assert "bundled sample" not in listed.stderr
    moved = hmic("update", "NCP-1", "--status", "in-progress", "--note", "Audit begun", cwd=sub, env=env)
    assert moved.returncode == 0, moved.stderr
    assert str(tracker) in moved.stderr
    entry = json.loads(tracker.read_text())["recommendations"][0]["history"][-1]
    assert entry["status"] == "in-progress" and entry["by"] == "DI Patel"
    checked = hmic("check", "--format", "json", cwd=folder, env=env)
    assert checked.returncode == 1  # the bundled items are long overdue
    assert next(i for i in json.loads(checked.stdout)["failing"] if i["id"] == "NCP-1")["status"] == "in-progress"


def test_config_names_the_file_and_each_settings_origin(team):
    folder, env = team
    (folder / "hmic.toml").write_text('data = "tracker.json"\namber_days = 45\n[owners]\n"DI Patel" = "p@x.uk"\n')
    shown = hmic("config", "--format", "json", cwd=folder / "minutes", env={**env, "HMIC_FAIL_ON": "never"})
    assert shown.returncode == 0, shown.stderr
    doc = json.loads(shown.stdout)
    toml = str(folder / "hmic.toml")
    assert doc["file"] == toml
    settings = doc["settings"]
    assert settings["data"] == {"value": str(folder / "tracker.json"), "origin": toml}
    assert settings["amber_days"] == {"value": 45, "origin": toml}
    assert settings["fail_on"] == {"value": "never", "origin": "HMIC_FAIL_ON"}
    assert settings["sign_off"] == {"value": False, "origin": "default"}
    assert settings["owners"]["value"] == {"DI Patel": "p@x.uk"}
    other = folder / "other.json"
    shutil.copyfile(folder / "tracker.json", other)
    by_env = json.loads(hmic("config", "--format", "json", cwd=folder, env={**env, "HMIC_DATA": str(other)}).stdout)
    assert by_env["settings"]["data"] == {"value": str(other), "origin": "HMIC_DATA"}
    by_flag = json.loads(hmic("--data", other, "config", "--format", "json", cwd=folder, env=env).stdout)
    assert by_flag["settings"]["data"]["origin"] == "--data"
    assert by_flag["settings"]["amber_days"]["origin"] == toml  # the other settings still come from the file
    table = hmic("config", cwd=folder, env=env)
    assert f"Project file: {toml}" in table.stdout and "amber_days" in table.stdout


def test_without_a_project_file_one_stderr_line_names_the_bundled_sample(tmp_path):
    env = clean_env(tmp_path)
    done = hmic("summary", cwd=tmp_path, env=env)
    assert done.returncode == 0
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and "bundled sample" in lines[0] and "hmic init tracker.json" in lines[0]
    assert "bundled" not in hmic("--data", Path(__file__).parent / "fixtures" / "bundled-v1.json", "summary",
                                 cwd=tmp_path, env=env).stderr


def test_the_search_stops_at_the_repository_root(tmp_path):
    (tmp_path / "hmic.toml").write_text('data = "elsewhere.json"\n')
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "src").mkdir()
    done = hmic("config", "--format", "json", cwd=repo / "src", env=clean_env(tmp_path))
    assert json.loads(done.stdout)["file"] is None
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.hmic]\ndata = "t.json"\namber_days = 10\n')
    found = json.loads(hmic("config", "--format", "json", cwd=repo / "src", env=clean_env(tmp_path)).stdout)
    assert found["file"] == str(repo / "pyproject.toml")
    assert found["settings"]["data"]["value"] == str(repo / "t.json")


@pytest.mark.parametrize(("text", "line", "key"), [
    ('data = "t.json"\namber_days = "thirty"\n', 2, "amber_days"),
    ('data = "t.json"\n\nsign_of = true\n', 3, "sign_of"),
    ('data = "t.json"\nfail_on = "sometimes"\n', 2, "fail_on"),
    ('data = "t.json"\napprovers = "Rowe"\n', 2, "approvers"),
    ('data = "t.json\n', 1, None),
])
def test_a_broken_project_file_is_exit_2_naming_file_line_and_key(tmp_path, text, line, key):
    (tmp_path / "hmic.toml").write_text(text)
    done = hmic("list", cwd=tmp_path, env=clean_env(tmp_path))
    assert done.returncode == 2
    assert f"{tmp_path / 'hmic.toml'}:{line}" in done.stderr or f"line {line}" in done.stderr
    if key:
        assert f"'{key}'" in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_each_setting_is_flag_then_environment_then_file(team):
    folder, env = team
    (folder / "hmic.toml").write_text('data = "tracker.json"\nfail_on = "never"\namber_days = 400\n')
    assert hmic("check", cwd=folder, env=env).returncode == 0  # the file's "never"
    assert hmic("check", cwd=folder, env={**env, "HMIC_FAIL_ON": "overdue"}).returncode == 1
    # the flag given on the command line wins even when it says what the default says
    assert hmic("check", "--fail-on", "overdue", cwd=folder, env=env).returncode == 1
    listed = hmic("list", "--as-of", "2014-01-01", "--format", "json", cwd=folder, env=env)
    assert json.loads(listed.stdout)["amber_days"] == 400
    flagged = hmic("list", "--as-of", "2014-01-01", "--amber-days", "30", "--format", "json", cwd=folder, env=env)
    assert json.loads(flagged.stdout)["amber_days"] == 30
    by_env = hmic("list", "--format", "json", cwd=folder, env={**env, "HMIC_AMBER_DAYS": "7"})
    assert json.loads(by_env.stdout)["amber_days"] == 7
    bad = hmic("list", cwd=folder, env={**env, "HMIC_AMBER_DAYS": "soon"})
    assert bad.returncode == 2 and "HMIC_AMBER_DAYS" in bad.stderr


def test_by_comes_from_git_when_nothing_else_names_the_author(team, tmp_path):
    folder, env = team
    gitconfig = tmp_path / "gitconfig"
    gitconfig.write_text("[user]\n\tname = Sgt Jones\n")
    env = {**clean_env(tmp_path, user=None), "GIT_CONFIG_GLOBAL": str(gitconfig)}
    assert hmic("update", "NCP-2", "--status", "in-progress", cwd=folder, env=env).returncode == 0
    assert hmic("update", "NCP-3", "--status", "in-progress", "--by", "Insp Shah", cwd=folder, env=env).returncode == 0
    items = json.loads((folder / "tracker.json").read_text())["recommendations"]
    assert items[1]["history"][-1]["by"] == "Sgt Jones"
    assert items[2]["history"][-1]["by"] == "Insp Shah"


def test_require_by_refuses_a_write_that_only_knows_the_login_name(team, tmp_path):
    folder, env = team
    (folder / "hmic.toml").write_text('data = "tracker.json"\nrequire_by = true\n')
    before = (folder / "tracker.json").read_bytes()
    anonymous = clean_env(tmp_path, user=None)
    refused = hmic("update", "NCP-1", "--status", "in-progress", cwd=folder, env=anonymous)
    assert refused.returncode == 2 and "require_by" in refused.stderr
    assert (folder / "tracker.json").read_bytes() == before
    assert hmic("update", "NCP-1", "--status", "in-progress", cwd=folder, env=env).returncode == 0


def _approvers(folder: Path, *names: str) -> None:
    quoted = ", ".join(f'"{n}"' for n in names)
    (folder / "hmic.toml").write_text(f'data = "tracker.json"\nsign_off = true\napprovers = [{quoted}]\n')


def test_the_sign_off_scenario(team, tmp_path):
    folder, env = team
    _approvers(folder, "Ch Supt Rowe", "ACC Grey")
    tracker = folder / "tracker.json"
    owner = {**env, "HMIC_USER": "DI Patel"}
    assert hmic("edit", "NCP-5", "--owner", "DI Patel", cwd=folder, env=owner).returncode == 0

    def refused(*args: str, who: str, says: str) -> None:
        before = tracker.read_bytes()
        done = hmic(*args, cwd=folder, env={**env, "HMIC_USER": who})
        assert done.returncode == 2, done.stderr
        assert says in done.stderr, done.stderr
        assert tracker.read_bytes() == before

    refused("update", "NCP-5", "--status", "complete", "--evidence", "x", who="DI Patel", says="sign-off NCP-5")
    refused("sign-off", "NCP-5", who="Ch Supt Rowe", says="not awaiting sign-off")
    refused("update", "NCP-5", "--status", "awaiting-sign-off", who="DI Patel", says="needs --evidence")
    proposed = hmic("update", "NCP-5", "--status", "awaiting-sign-off", "--evidence", "https://intranet/audit-5",
                    cwd=folder, env=owner)
    assert proposed.returncode == 0, proposed.stderr
    refused("sign-off", "NCP-5", who="DI Patel", says="owns NCP-5")
    refused("sign-off", "NCP-5", who="PC Bloggs", says="not one of this tracker's approvers")
    rejected = hmic("sign-off", "NCP-5", "--reject", "--reason", "The audit covers one district only",
                    cwd=folder, env={**env, "HMIC_USER": "ACC Grey"})
    assert rejected.returncode == 0, rejected.stderr
    item = json.loads(tracker.read_text())["recommendations"][4]
    assert item["status"] == "in-progress"
    assert item["history"][-1]["by"] == "ACC Grey" and item["history"][-1]["proposed_by"] == "DI Patel"
    # proposed again by a colleague: the proposer cannot sign it off either
    colleague = {**env, "HMIC_USER": "DS Khan"}
    assert hmic("update", "NCP-5", "--status", "awaiting-sign-off", "--evidence", "https://intranet/audit-5b",
                cwd=folder, env=colleague).returncode == 0
    _approvers(folder, "Ch Supt Rowe", "DS Khan", "DI Patel")
    refused("sign-off", "NCP-5", who="DS Khan", says="proposed NCP-5")
    refused("sign-off", "NCP-5", who="di  patel", says="owns NCP-5")  # an approver, not the proposer: the owner
    signed = hmic("sign-off", "NCP-5", "--note", "Evidence seen at the board", cwd=folder,
                  env={**env, "HMIC_USER": "Ch Supt Rowe"})
    assert signed.returncode == 0, signed.stderr
    closing = json.loads(tracker.read_text())["recommendations"][4]["history"][-1]
    assert closing["status"] == "complete" and closing["by"] == "Ch Supt Rowe"
    assert closing["proposed_by"] == "DS Khan" and closing["proposed_on"] and closing["evidence"].endswith("5b")
    shown = hmic("show", "NCP-5", cwd=folder, env={**env, "COLUMNS": "300"}).stdout
    assert "complete (signed off)" in shown
    assert f"Ch Supt Rowe (proposed by DS Khan on {closing['proposed_on']})" in shown
    log = json.loads(hmic("log", "--format", "json", "--since", "2020-01-01", cwd=folder, env=env).stdout)
    assert log["changes"][0]["by"] == "Ch Supt Rowe" and log["changes"][0]["proposed_by"] == "DS Khan"
    summary = json.loads(hmic("summary", "--format", "json", cwd=folder, env=env).stdout)
    assert summary["signed_off"][0] == {"id": "NCP-5", "owner": "DI Patel", "proposed_by": "DS Khan",
                                        "proposed_on": closing["proposed_on"], "signed_off_by": "Ch Supt Rowe",
                                        "signed_off_on": closing["on"]}


def test_summary_and_board_pack_count_items_awaiting_sign_off(team):
    folder, env = team
    for item in ("NCP-1", "NCP-2"):
        assert hmic("update", item, "--status", "awaiting-sign-off", "--evidence", "e", cwd=folder,
                    env=env).returncode == 0
    summary = json.loads(hmic("summary", "--format", "json", cwd=folder, env=env).stdout)
    assert summary["by_status"]["awaiting-sign-off"] == 2
    assert [p["id"] for p in summary["awaiting_sign_off"]] == ["NCP-1", "NCP-2"]
    assert summary["awaiting_sign_off"][0]["proposed_by"] == "DI Patel"
    assert "Awaiting sign-off (2)" in hmic("summary", cwd=folder, env=env).stdout
    from hmic_cli import boardpack
    from hmic_cli.defaults import EVERY_STATUS
    from hmic_cli.query import Filters
    from hmic_cli.store import loading

    pack = boardpack.build(loading.load(folder / "tracker.json").dataset, Filters(statuses=EVERY_STATUS), date.today())
    assert len(pack.awaiting) == 2 and ("Awaiting sign-off", "2") in pack.headline()
