"""Issue 34: the team's rules from the project file, in every form TOML allows; links and loops
reported, never skipped; `init` inside a project refuses unless --nested; a tracker named from a
subfolder is the project's tracker."""

from __future__ import annotations

import json
import os

import pytest

from hmic_cli import project


@pytest.fixture
def team(invoke, tmp_path, monkeypatch):
    """A project: tracker.json and hmic.toml naming it, at tmp_path; the test runs in a subfolder."""
    monkeypatch.chdir(tmp_path)
    assert invoke("init", "--empty", "tracker.json").exit_code == 0
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    return tmp_path


@pytest.mark.parametrize("form", [
    '[tool.hmic]\nsign_off = true\n',
    'tool.hmic.sign_off = true\n',
    '[tool]\nhmic = { sign_off = true }\n',
    '[tool]\nhmic.sign_off = true\n',
])
def test_tool_hmic_in_every_toml_form_is_read(tmp_path, form):
    (tmp_path / "pyproject.toml").write_text(form + '\n[project]\nname = "x"\n', encoding="utf-8")
    found = project.settings(tmp_path, environ={})
    assert found.file == tmp_path / "pyproject.toml" and found.sign_off is True


@pytest.mark.parametrize("form", ['tool.hmic.sign_off = "yes"\n', '[tool]\nhmic.sign_off = "yes"\n',
                                  '[tool.hmic]\n\n\nsign_off = "yes"\n'])
def test_a_bad_value_is_reported_at_its_own_line(invoke, tmp_path, monkeypatch, form):
    text = '# the team\n\n\n' + form + '\n[project]\nname = "x"\n'
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    line = text.splitlines().index(next(n for n in text.splitlines() if "sign_off" in n)) + 1
    monkeypatch.chdir(tmp_path)
    result = invoke("config")
    assert result.exit_code == 2 and f"pyproject.toml:{line}: key 'sign_off'" in result.stderr


@pytest.mark.parametrize("link", ["dangling", "loop"])
def test_a_project_file_that_is_a_broken_link_is_reported_not_skipped(invoke, team, link):
    inner = team / "sub" / "hmic.toml"
    os.symlink("nowhere.toml" if link == "dangling" else "hmic.toml", inner)
    result = invoke("list")
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert str(inner) in result.stderr and ("link loop" if link == "loop" else "dangling link") in result.stderr


def test_init_inside_a_project_refuses_naming_the_parents_file(invoke, team):
    result = invoke("init", "--empty", "other.json")
    assert result.exit_code == 2 and str(team / "hmic.toml") in result.stderr and "--nested" in result.stderr
    assert not (team / "sub" / "other.json").exists() and not (team / "sub" / "hmic.toml").exists()
    assert invoke("init", "--empty", "--nested", "other.json").exit_code == 0
    assert (team / "sub" / "hmic.toml").exists()


def test_into_from_a_subfolder_is_the_projects_tracker(invoke, team):
    result = invoke("add", "--report", "nope", "--text", "x", "--data", "tracker.json")  # an unknown report: exit 2
    assert "Traceback" not in result.stderr and "hmic init" not in result.stderr
    assert not (team / "sub" / "tracker.json").exists()
    result = invoke("--data", "tracker.json", "validate")
    assert result.exit_code == 0 and str(team / "tracker.json") in result.stdout + result.stderr


@pytest.mark.parametrize("value", ['"a\\u0000b"', '"a\\nb"'])
def test_a_control_character_in_the_data_setting_is_a_usage_error(invoke, tmp_path, monkeypatch, value):
    (tmp_path / "hmic.toml").write_text(f"data = {value}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("list")
    assert result.exit_code == 2 and "control characters" in result.stderr and "Traceback" not in result.stderr


def test_schema_version_true_is_not_version_1(invoke, tmp_path):
    path = tmp_path / "t.json"
    path.write_text(json.dumps({"schema_version": True, "reports": [], "themes": [], "recommendations": []}),
                    encoding="utf-8")
    result = invoke("--data", path, "validate")
    assert result.exit_code == 3 and "schema_version" in result.stdout + result.stderr


@pytest.mark.parametrize("name", ["hmic.toml", "pyproject.toml"])
def test_a_project_file_nested_thousands_deep_is_a_usage_error(invoke, tmp_path, monkeypatch, name):
    deep = "[" * 3000 + "]" * 3000
    text = f'data = "tracker.json"\nx = {deep}\n' if name == "hmic.toml" else f'[tool.hmic]\nx = {deep}\n'
    (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("list")
    assert result.exit_code == 2 and "nested too deeply" in result.stderr and "Traceback" not in result.stderr


def test_a_version_1_file_with_version_2_fields_is_told_what_works(invoke, tmp_path):
    """Not 'run hmic migrate': migrate reads the file as version 1 first and refuses it for the same field."""
    from tests.gitrepo import item, tracker

    path = tmp_path / "t.json"
    document = tracker(item("C1", due="2030-01-01"), item("C2", due="2030-01-01", parent="C1", type="action"))
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    result = invoke("--data", path, "list")
    assert result.exit_code == 3 and "hmic migrate" not in result.stderr
    assert '"schema_version": 2' in result.stderr
    document["schema_version"] = 2  # as the message says
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    assert invoke("--data", path, "validate").exit_code == 0
