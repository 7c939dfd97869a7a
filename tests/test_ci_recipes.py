"""The CI recipes (docs/tasks/ci.md) and the pre-commit hooks: valid as written, and the hooks block only
what a commit can break (a broken tracker file), never a commit because items are overdue."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests import inprocess

yaml = pytest.importorskip("yaml")

ROOT = Path(__file__).resolve().parents[1]
CI_PAGE = ROOT / "docs" / "tasks" / "ci.md"
MANIFEST = ROOT / ".pre-commit-hooks.yaml"
BUNDLED = ROOT / "data" / "recommendations.json"
BIN = Path(sys.executable).parent

FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.S | re.M)
PLACEHOLDER_REV = "COMMIT_SHA"


def fenced_blocks(language: str | None = None) -> list[str]:
    text = CI_PAGE.read_text(encoding="utf-8")
    return [body for lang, body in FENCE.findall(text) if language is None or lang == language]


def triggers(workflow: dict) -> dict:
    # YAML 1.1 (PyYAML) reads the key `on` as the boolean True.
    return workflow.get("on", workflow.get(True))


def is_github_workflow(doc) -> bool:
    return isinstance(doc, dict) and "jobs" in doc and triggers(doc) is not None


def is_gitlab_ci(doc) -> bool:
    return isinstance(doc, dict) and "jobs" not in doc and "repos" not in doc and any(
        isinstance(job, dict) and "script" in job for job in doc.values())


def is_precommit_config(doc) -> bool:
    return isinstance(doc, dict) and isinstance(doc.get("repos"), list)


def recipe(kind) -> str:
    """The one ```yaml block of the CI page that `kind` recognises, as written."""
    found = [body for body in fenced_blocks("yaml") if kind(yaml.safe_load(body))]
    assert len(found) == 1, f"docs/tasks/ci.md should have exactly one {kind.__name__[3:]} recipe, found {len(found)}"
    return found[0]


def run_tool(*args, cwd=ROOT, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


# --- The CI page's recipes --------------------------------------------------------------------------------


def test_every_yaml_block_parses_and_each_recipe_is_there():
    blocks = fenced_blocks("yaml")
    assert blocks, "docs/tasks/ci.md has no ```yaml blocks"
    for body in blocks:
        yaml.safe_load(body)
    for kind in (is_github_workflow, is_gitlab_ci, is_precommit_config):
        recipe(kind)


@pytest.mark.parametrize(("kind", "schema"), [(is_github_workflow, "vendor.github-workflows"),
                                              (is_gitlab_ci, "vendor.gitlab-ci")])
def test_ci_recipe_is_valid_against_its_schema(kind, schema, tmp_path):
    pytest.importorskip("check_jsonschema")
    target = tmp_path / "recipe.yml"
    target.write_text(recipe(kind), encoding="utf-8")
    result = run_tool(sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, target)
    assert result.returncode == 0, result.stdout + result.stderr


def test_precommit_recipe_is_a_valid_config(tmp_path):
    pytest.importorskip("pre_commit")
    target = tmp_path / ".pre-commit-config.yaml"
    target.write_text(recipe(is_precommit_config), encoding="utf-8")
    result = run_tool(sys.executable, "-m", "pre_commit", "validate-config", target)
    assert result.returncode == 0, result.stdout + result.stderr


def test_hooks_manifest_is_valid():
    pytest.importorskip("pre_commit")
    result = run_tool(sys.executable, "-m", "pre_commit", "validate-manifest", MANIFEST)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_runs_weekly_on_pull_requests_and_pushes_then_validates_and_checks():
    workflow = yaml.safe_load(recipe(is_github_workflow))
    on = triggers(workflow)
    assert isinstance(on, dict), "`on:` should be a mapping of events"
    assert {"schedule", "pull_request", "push"} <= set(on)
    (cron,) = [entry["cron"] for entry in on["schedule"]]
    minute, hour, day, month, weekday = cron.split()
    assert (day, month) == ("*", "*") and weekday != "*", f"{cron!r} is not weekly"
    runs = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    validate = next(i for i, run in enumerate(runs) if re.search(r"\bhmic validate\b", run))
    check = next(i for i, run in enumerate(runs) if re.search(r"\bhmic --data \S+ check --format github$", run))
    assert validate < check


def test_gitlab_job_reports_junit_always():
    (job,) = yaml.safe_load(recipe(is_gitlab_ci)).values()
    assert job["artifacts"]["when"] == "always"
    report = job["artifacts"]["reports"]["junit"]
    assert any(f"--format junit --output {report}" in line for line in job["script"])
    assert "Pipeline schedules" in CI_PAGE.read_text(encoding="utf-8"), "say how to schedule the GitLab job"


def test_jenkins_pipeline_records_the_junit_file_the_check_writes_even_when_it_fails():
    (pipeline,) = fenced_blocks("groovy")
    (written,) = re.findall(r"check --format junit --output (\S+?)'", pipeline)
    always = pipeline.split("post {", 1)[1].split("always {", 1)[1]
    assert re.search(rf"junit\b.*testResults: '{re.escape(written)}'", always), "record the file the check wrote"
    (cron,) = re.findall(r"cron\('([^']+)'\)", pipeline)
    minute, hour, day, month, weekday = cron.split()
    assert (day, month) == ("*", "*") and weekday != "*", f"{cron!r} is not weekly"
    assert re.search(r"hmic validate \S+", pipeline)
    assert re.search(r"hmic @ git\+https://\S+@" + PLACEHOLDER_REV, pipeline)


def test_no_recipe_installs_hmic_from_an_index():
    bare = re.compile(r"pip install\s+(?:-\S+\s+)*[\"']?hmic(?![\w.-]*\s*@)(?:[\"'\s]|$)", re.M)
    for body in fenced_blocks():
        assert not bare.search(body), f"`pip install hmic` cannot work, hmic is on no index:\n{body}"
    installs = [line for body in fenced_blocks() for line in body.splitlines() if "pip install" in line]
    assert any(re.search(r"hmic @ git\+https://\S+@" + PLACEHOLDER_REV, line) for line in installs)
    assert any(re.search(r"pip install \S+\.whl", line) for line in installs)


def test_precommit_rev_is_a_commit_sha_placeholder_not_an_invented_tag():
    config = yaml.safe_load(recipe(is_precommit_config))
    manifest_ids = {hook["id"] for hook in yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))}
    for repo in config["repos"]:
        rev = str(repo["rev"])
        assert rev != "v0.1.0"
        assert rev == PLACEHOLDER_REV or re.fullmatch(r"[0-9a-f]{40}", rev), rev
        assert {hook["id"] for hook in repo["hooks"]} <= manifest_ids
    text = CI_PAGE.read_text(encoding="utf-8")
    assert "pre-commit autoupdate" in text and "immutable" in text


# --- The hooks ------------------------------------------------------------------------------------


def manifest_hook(hook_id: str) -> dict:
    (hook,) = [h for h in yaml.safe_load(MANIFEST.read_text(encoding="utf-8")) if h["id"] == hook_id]
    return hook


# How a user's config calls each hook (the CI page's recipe, and the hmic-check config of old).
HOOK_ARGS = {"hmic-validate": [], "hmic-check": ["--data", "tracker.json"]}


def clean_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HMIC_", "GIT_", "PRE_COMMIT"))}
    return env | {"NO_COLOR": "1", "COLUMNS": "100"} | extra


def hmic(*args, cwd: Path) -> subprocess.CompletedProcess:
    """`hmic ARGS` in `cwd`, in this process (tests/inprocess.py): these tests are about what the hook's
    arguments make hmic do. The real console script run by pre-commit's real git hook is
    test_git_commit_through_pre_commit's."""
    return inprocess.run(args, env=clean_env(), cwd=cwd, text=True)


def run_hook_entry(hook_id: str, repo: Path, staged: list[str]) -> subprocess.CompletedProcess:
    """Run a hook's entry as pre-commit would: entry + args + (matching) filenames."""
    hook = manifest_hook(hook_id)
    entry = shlex.split(hook["entry"])
    assert entry[0] == "hmic"
    filenames = [name for name in staged if re.search(hook.get("files", ""), name)]
    if not filenames and not hook.get("always_run", False):
        return subprocess.CompletedProcess(entry, 0, "(no files to check) skipped", "")
    command = [*entry[1:], *HOOK_ARGS[hook_id]]
    if hook.get("pass_filenames", True):
        command += filenames
    return hmic(*command, cwd=repo)


def overdue_tracker(folder: Path) -> Path:
    """The bundled dataset (every item long overdue) as the tracker file of a repository."""
    target = folder / "tracker.json"
    shutil.copyfile(BUNDLED, target)
    result = hmic("--data", target, "check", cwd=folder)
    assert result.returncode == 1 and "overdue" in result.stdout, "the fixture should have overdue items"
    return target


def break_tracker(tracker: Path, how: str) -> None:
    text = tracker.read_text(encoding="utf-8")
    if how == "not-json":
        broken = text[: len(text) // 2]
    elif how == "duplicate-key":
        broken = re.sub(r'("schema_version": \d+),', r"\1, \1,", text, count=1)
    else:  # schema
        broken = text.replace('"status": "open"', '"status": "opened"', 1)
    assert broken != text
    tracker.write_text(broken, encoding="utf-8")


def mark_complete(tracker: Path, item: str = "NCP-1") -> None:
    result = hmic("--data", tracker, "update", item, "--status", "complete", "--note", "Done.", cwd=tracker.parent)
    assert result.returncode == 0, result.stderr


HOOK_IDS = ["hmic-validate", "hmic-check"]


def test_no_hook_runs_on_every_commit():
    for hook_id in HOOK_IDS:
        hook = manifest_hook(hook_id)
        assert not hook.get("always_run", False) and hook.get("files"), hook_id
        assert "--fail-on never" in hook["entry"] or "check" not in hook["entry"], hook_id


@pytest.mark.parametrize("hook_id", HOOK_IDS)
def test_hook_passes_a_valid_tracker_with_overdue_items(hook_id, tmp_path):
    overdue_tracker(tmp_path)
    result = run_hook_entry(hook_id, tmp_path, ["tracker.json"])
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("hook_id", HOOK_IDS)
def test_hook_passes_marking_an_item_complete_while_others_are_overdue(hook_id, tmp_path):
    tracker = overdue_tracker(tmp_path)
    mark_complete(tracker)
    result = run_hook_entry(hook_id, tmp_path, ["tracker.json"])
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("how", ["not-json", "duplicate-key", "schema"])
@pytest.mark.parametrize("hook_id", HOOK_IDS)
def test_hook_blocks_a_broken_tracker(hook_id, how, tmp_path):
    tracker = overdue_tracker(tmp_path)
    break_tracker(tracker, how)
    result = run_hook_entry(hook_id, tmp_path, ["tracker.json"])
    assert result.returncode == 3, result.stdout + result.stderr


@pytest.mark.parametrize("hook_id", HOOK_IDS)
def test_hook_does_not_run_for_a_commit_of_unrelated_files(hook_id, tmp_path):
    tracker = overdue_tracker(tmp_path)
    break_tracker(tracker, "not-json")
    (tmp_path / "notes.md").write_text("minutes\n", encoding="utf-8")
    result = run_hook_entry(hook_id, tmp_path, ["notes.md"])
    assert result.returncode == 0, result.stdout + result.stderr


# --- pre-commit itself, in a throwaway repository ---------------------------------------------------


def git(repo: Path, *args, env) -> subprocess.CompletedProcess:
    return run_tool("git", *args, cwd=repo, env=env)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_commit_through_pre_commit(tmp_path):
    """The manifest's hooks as a `repo: local` config (language `system`, so nothing is installed and
    no network is needed), run by pre-commit's own git hook on real commits."""
    pytest.importorskip("pre_commit")
    repo = tmp_path / "tracker-repo"
    repo.mkdir()
    env = clean_env(
        HOME=str(tmp_path), PRE_COMMIT_HOME=str(tmp_path / "pre-commit-cache"), GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=os.devnull, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
        GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org",
        PATH=os.pathsep.join([str(BIN), os.environ.get("PATH", "")]),
    )
    hooks = []
    for hook_id in HOOK_IDS:
        hook = {k: v for k, v in manifest_hook(hook_id).items() if k != "description"}
        hooks.append(hook | {"language": "system", "args": HOOK_ARGS[hook_id]})
    (repo / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump({"repos": [{"repo": "local", "hooks": hooks}]}, sort_keys=False), encoding="utf-8")
    assert git(repo, "init", "-q", env=env).returncode == 0
    installed = run_tool(sys.executable, "-m", "pre_commit", "install", cwd=repo, env=env)
    assert installed.returncode == 0, installed.stdout + installed.stderr

    def commit(*paths, message: str) -> subprocess.CompletedProcess:
        assert git(repo, "add", *paths, env=env).returncode == 0
        return git(repo, "commit", "-q", "-m", message, env=env)

    # (a) A valid tracker with overdue items goes in, and both hooks really ran on it.
    tracker = overdue_tracker(repo)
    result = commit(".pre-commit-config.yaml", "tracker.json", message="tracker")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (result.stdout + result.stderr).count("Passed") == len(HOOK_IDS), result.stdout + result.stderr

    # (c) Marking one item complete while the rest stay overdue goes in.
    mark_complete(tracker)
    result = commit("tracker.json", message="NCP-1 complete")
    assert result.returncode == 0, result.stdout + result.stderr

    # (b) A broken tracker (a bad merge's duplicate key) is stopped, and nothing is committed.
    head = git(repo, "rev-parse", "HEAD", env=env).stdout
    break_tracker(tracker, "duplicate-key")
    result = commit("tracker.json", message="bad merge")
    assert result.returncode != 0, result.stdout + result.stderr
    assert "duplicate key" in result.stdout + result.stderr
    assert git(repo, "rev-parse", "HEAD", env=env).stdout == head

    # Once a broken tracker is in (committed with --no-verify), a commit that touches only an
    # unrelated file is not stopped by it.
    assert git(repo, "commit", "-q", "--no-verify", "-m", "bad merge", env=env).returncode == 0
    (repo / "notes.md").write_text("minutes\n", encoding="utf-8")
    result = commit("notes.md", message="notes")
    assert result.returncode == 0, result.stdout + result.stderr
