"""`hmic remind` against a real SMTP server (aiosmtpd) on 127.0.0.1 started by the test, run in this
process with the environment a real `hmic` would have (`tests.inprocess`): one message per owner with
exactly their items; a refused connection; a send that fails part-way; dry runs; `.eml` files."""

from __future__ import annotations

import email
import json
import re
import socket
import subprocess
from email import policy

import pytest

from tests import inprocess
from tests.gitrepo import find, git_env, item, progress, tracker

aiosmtpd = pytest.importorskip("aiosmtpd.controller")

AS_OF = "2024-05-01"
PROJECT = """
escalate_after = 60
escalate_to = "chief@force.example"

[owners]
Alice = "alice@force.example"
Bob = "bob@force.example"
Carol = "carol@force.example"
"""
CHIEF = "chief@force.example"  # escalate_to: also gets R8, overdue 121 days with no owner, to assign one
EXPECTED = {"Alice": {"R1", "R2"}, "Bob": {"R3"}, "Carol": {"R5"}, CHIEF: {"R8"}}
ADDRESS = {"Alice": "alice@force.example", "Bob": "bob@force.example", "Carol": "carol@force.example", CHIEF: CHIEF}


def make_tracker() -> dict:
    r5 = item("R5", due="2024-06-30", owner="Carol")
    progress(r5, "2024-04-20", "awaiting-sign-off", "Proposed.", by="Carol", evidence="https://intranet/r5")
    r6 = item("R6", due="2024-01-01", owner="Carol")
    progress(r6, "2024-02-01", "complete", "Done.")
    return tracker(
        item("R1", due="2024-04-01", owner="Alice"),   # overdue 30 days
        item("R2", due="2024-05-10", owner="Alice"),   # due within 14 days
        item("R3", due="2024-01-01", owner="Bob"),     # overdue 121 days: escalated
        item("R4", due="2024-09-01", owner="Bob"),     # outside the window
        r5, r6,
        item("R7", due="2024-01-01", owner="Dan"),     # no address
        item("R8", due="2024-01-01"),                  # no owner
    )


@pytest.fixture
def project(tmp_path):
    (tmp_path / "tracker.json").write_text(json.dumps(make_tracker(), indent=2), encoding="utf-8")
    (tmp_path / "hmic.toml").write_text(PROJECT, encoding="utf-8")
    return tmp_path


def remind(folder, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return inprocess.run(["--data", "tracker.json", "remind", "--as-of", AS_OF, *args], git_env() | (env or {}),
                         cwd=folder, text=True)


class Inbox:
    """An SMTP handler that keeps what it is sent, refusing the addresses in `refuse`."""

    def __init__(self, refuse=()) -> None:
        self.received: list[tuple[str, list[str], bytes]] = []
        self.refuse = set(refuse)
        self.logins: list[tuple[str, str]] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 Message accepted for delivery"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        from aiosmtpd.smtp import AuthResult

        self.logins.append((auth_data.login.decode(), auth_data.password.decode()))
        return AuthResult(success=True)

    def by_owner(self) -> dict[str, email.message.EmailMessage]:
        out = {}
        for _, _, content in self.received:
            msg = email.message_from_bytes(content, policy=policy.default)
            owner = msg["To"].addresses[0].display_name
            assert owner not in out, f"{owner} got two messages"
            out[owner] = msg
        return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server():
    servers = []

    def start(refuse=(), auth=False):
        inbox = Inbox(refuse)
        port = free_port()
        extra = {"authenticator": inbox.authenticate, "auth_require_tls": False} if auth else {}
        controller = aiosmtpd.Controller(inbox, hostname="127.0.0.1", port=port, **extra)
        controller.start()
        servers.append(controller)
        return inbox, port

    yield start
    for controller in servers:
        controller.stop()


def ids(msg) -> set[str]:
    return set(re.findall(r"^\| (R\d+) \|", msg.get_content(), re.M))


def test_send_gives_each_owner_one_message_with_exactly_their_items(project, smtp_server):
    inbox, port = smtp_server()
    result = remind(project, "--within", "14d", "--smtp", f"127.0.0.1:{port}", "--from", "hmic@force.example",
                    "--send")
    assert result.returncode == 0, result.stderr
    messages = inbox.by_owner()
    assert {owner: ids(msg) for owner, msg in messages.items()} == EXPECTED
    for owner, msg in messages.items():
        assert msg["To"].addresses[0].addr_spec == ADDRESS[owner]
        assert msg["From"] == "hmic@force.example"
    assert "120 days" not in messages["Bob"].get_content() and "| R3 | 2024-01-01 | 121 |" in \
        messages["Bob"].get_content()
    envelopes = {rcpt[0]: rcpt for _, rcpt, _ in inbox.received}
    assert envelopes["bob@force.example"] == ["bob@force.example", "chief@force.example"]  # escalated: Cc
    assert messages["Bob"]["Cc"] == "chief@force.example"
    assert envelopes["alice@force.example"] == ["alice@force.example"]  # 30 days overdue: not escalated
    assert "Dan has no address" in result.stderr
    assert "Sent 4 reminders" in result.stderr and "Alice, Bob, Carol, chief@force.example" in result.stderr


def test_credentials_come_from_the_environment(project, smtp_server):
    inbox, port = smtp_server(auth=True)
    result = remind(project, "--owner", "alice", "--smtp", f"127.0.0.1:{port}", "--from", "hmic@force.example",
                    "--send", env={"HMIC_SMTP_USER": "compliance", "HMIC_SMTP_PASSWORD": "s3cret"})
    assert result.returncode == 0, result.stderr
    assert inbox.logins == [("compliance", "s3cret")]
    assert set(inbox.by_owner()) == {"Alice"}


def test_a_refused_connection_is_exit_3_with_one_error_line(project):
    port = free_port()  # nothing listens there
    result = remind(project, "--owner", "Alice", "--smtp", f"127.0.0.1:{port}", "--from", "hmic@force.example",
                    "--send")
    assert result.returncode == 3
    lines = result.stderr.strip().splitlines()
    assert len([line for line in lines if line.startswith("hmic: error:")]) == 1
    assert len(lines) <= 2 and all(line.startswith(("hmic: error:", "hint:")) for line in lines), lines
    assert f"127.0.0.1:{port}" in lines[0] and "no reminder was sent" in lines[0]


def test_a_send_failing_part_way_says_who_was_reached(project, smtp_server):
    inbox, port = smtp_server(refuse={"bob@force.example"})
    result = remind(project, "--within", "14d", "--smtp", f"127.0.0.1:{port}", "--from", "hmic@force.example",
                    "--send")
    assert result.returncode == 3
    (error,) = [line for line in result.stderr.splitlines() if line.startswith("hmic: error:")]
    assert "reached Alice, Carol" in error and "not sent: Bob" in error and "550" in error
    assert set(inbox.by_owner()) >= {"Alice", "Carol"}
    assert "bob@force.example" not in {r for _, rcpts, _ in inbox.received for r in rcpts}


def test_without_send_nothing_is_sent(project, smtp_server):
    inbox, port = smtp_server()
    result = remind(project, "--smtp", f"127.0.0.1:{port}", "--from", "hmic@force.example")
    assert result.returncode == 0
    assert inbox.received == []
    assert "Dry run: 4 messages would go" in result.stderr and "--send" in result.stderr


def test_markdown_on_stdout_is_the_default(project):
    result = remind(project, "--within", "14d")
    assert result.returncode == 0
    sections = re.split(r"^## ", result.stdout, flags=re.M)[1:]
    found = {s.split()[0]: set(re.findall(r"^\| (R\d+) \|", s, re.M)) for s in sections}
    assert found == EXPECTED | {"Dan": {"R7"}}
    assert "Dan has no address" in result.stderr


def test_the_window_narrows_what_is_due_soon(project):
    result = remind(project, "--within", "7d", "--owner", "Alice")
    assert set(re.findall(r"^\| (R\d+) \|", result.stdout, re.M)) == {"R1"}  # R2 is 9 days away


def test_eml_files_one_per_owner(project):
    outbox = project / "outbox"
    result = remind(project, "--within", "14d", "--format", "eml", "--output-dir", str(outbox),
                    "--from", "Compliance <compliance@force.example>")
    assert result.returncode == 0, result.stderr
    files = sorted(p.name for p in outbox.iterdir())
    assert files == ["alice.eml", "bob.eml", "carol.eml", "chief-force-example.eml"]
    for name, owner in (("alice.eml", "Alice"), ("bob.eml", "Bob"), ("carol.eml", "Carol")):
        msg = email.message_from_bytes((outbox / name).read_bytes(), policy=policy.default)
        assert msg["To"].addresses[0].addr_spec == ADDRESS[owner]
        assert ids(msg) == EXPECTED[owner]
    bob = email.message_from_bytes((outbox / "bob.eml").read_bytes(), policy=policy.default)
    assert bob["Cc"] == "chief@force.example"


def test_approvers_get_what_awaits_their_sign_off(project):
    (project / "hmic.toml").write_text(PROJECT.replace("[owners]", 'approvers = ["Carol", "Erin"]\n\n[owners]')
                                       + 'Erin = "erin@force.example"\n', encoding="utf-8")
    result = remind(project, "--within", "14d")
    sections = {s.split()[0]: s for s in re.split(r"^## ", result.stdout, flags=re.M)[1:]}
    assert "R5" in sections["Erin"] and "Awaiting sign-off" in sections["Erin"]
    assert "Carol" not in sections  # Carol owns and proposed R5: she may not sign it off


def test_send_needs_smtp_and_smtp_needs_from(project):
    assert remind(project, "--send").returncode == 2
    result = remind(project, "--smtp", "127.0.0.1:25")
    assert result.returncode == 2 and "--from" in result.stderr


def test_an_item_is_never_in_two_sections_of_one_digest(project):
    doc = make_tracker()
    find(doc, "R5")["due"] = "2024-04-01"  # awaiting sign-off and overdue
    (project / "tracker.json").write_text(json.dumps(doc, indent=2), encoding="utf-8")
    result = remind(project, "--owner", "Carol")
    assert re.findall(r"^\| (R\d+) \|", result.stdout, re.M) == ["R5"]


def test_waivers_show_and_a_waived_item_is_never_escalated(project):
    """Bob's R3 (121 days overdue) waived: shown with its waiver, and not copied to escalate_to."""
    doc = make_tracker()
    find(doc, "R3")["waiver"] = {"until": "2024-06-30", "reason": "Waiting for the new custody contract."}
    (project / "tracker.json").write_text(json.dumps(doc, indent=2), encoding="utf-8")
    outbox = project / "outbox"
    result = remind(project, "--format", "eml", "--output-dir", str(outbox), "--from", "hmic@force.example")
    assert result.returncode == 0, result.stderr
    bob = email.message_from_bytes((outbox / "bob.eml").read_bytes(), policy=policy.default)
    assert bob["Cc"] is None and "overdue beyond the escalation threshold" not in bob.get_content()
    assert "waived until 2024-06-30: Waiting for the new custody contract." in bob.get_content()


def test_unowned_overdue_items_go_to_escalate_to_only_beyond_escalate_after(project):
    doc = make_tracker()
    doc["recommendations"].append(item("R9", due="2024-04-01"))  # no owner, 30 days overdue: not yet
    (project / "tracker.json").write_text(json.dumps(doc, indent=2), encoding="utf-8")
    result = remind(project)
    assert result.returncode == 0, result.stderr
    chief = next(s for s in re.split(r"^## ", result.stdout, flags=re.M) if s.startswith(CHIEF))
    assert "Overdue with no owner: assign one (1)" in chief
    assert set(re.findall(r"^\| (R\d+) \|", chief, re.M)) == {"R8"}


@pytest.mark.parametrize(("due", "escalated"), [("2024-03-02", False), ("2024-03-01", True)])
def test_escalation_starts_after_exactly_escalate_after_days(tmp_path, monkeypatch, invoke, due, escalated):
    """`escalate_after = 60`: 60 days overdue (due 2024-03-02, as of 2024-05-01) is not escalated, 61 is."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "hmic.toml").write_text(PROJECT, encoding="utf-8")
    (tmp_path / "tracker.json").write_text(json.dumps(tracker(item("R1", due=due, owner="Bob"))), encoding="utf-8")
    shown = invoke("--data", "tracker.json", "list", "--as-of", AS_OF, "--format", "json").stdout
    assert json.loads(shown)["recommendations"][0]["days_left"] == (-61 if escalated else -60)
    result = invoke("--data", "tracker.json", "remind", "--as-of", AS_OF, "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    assert "| R1 |" in result.stdout
    assert ("chief@force.example" in result.stdout) == escalated, result.stdout
