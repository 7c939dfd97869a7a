"""`hmic remind`: one digest per owner of what is overdue, what falls due within the window and what
awaits their sign-off; as e-mail messages (the standard library's `email`, made in `render.digest`)
written as `.eml` files or sent through an SMTP server (`smtplib`).

Who gets what: an item's owner gets its overdue and due-soon items. An item awaiting sign-off goes to
each approver (the project file's `approvers`) who may sign it off (not its owner, not its proposer);
with no approvers set, to its owner, to find someone who may. Addresses come from the project file's
`[owners]` table (name = address); an owner without one is named and skipped. An item overdue by more
than `escalate_after` days copies its owner's message (Cc) to `escalate_to`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from hmic_cli import cycle, history, people, query, waivers
from hmic_cli.dates import parse_duration
from hmic_cli.errors import DataError, HmicError, Problem, UsageError
from hmic_cli.render.digest import messages
from hmic_cli.vocabulary import OUTSTANDING, Status

if TYPE_CHECKING:
    from email.message import EmailMessage

    from hmic_cli.models import Dataset
    from hmic_cli.query import Item


class SendError(HmicError):
    """The SMTP server could not be reached, or refused some of the messages (exit 3)."""

    exit_code = 3


@dataclass
class Digest:
    owner: str
    address: str | None
    overdue: list[Item] = field(default_factory=list)
    due_soon: list[Item] = field(default_factory=list)
    awaiting: list[Item] = field(default_factory=list)
    escalated: list[Item] = field(default_factory=list)  # overdue by more than escalate_after days
    cc: str | None = None
    unowned: list[Item] = field(default_factory=list)  # escalate_to's: overdue beyond escalate_after, no owner
    responses: list = field(default_factory=list)  # (cycle.Clock, ids of their items without a response)

    @property
    def count(self) -> int:
        return len(self.overdue) + len(self.due_soon) + len(self.awaiting) + len(self.unowned) + len(self.responses)

    def subject(self, until: date) -> str:
        parts = [f"{len(self.overdue)} overdue"] if self.overdue else []
        if self.due_soon:
            parts.append(f"{len(self.due_soon)} due by {until.isoformat()}")
        if self.awaiting:
            parts.append(f"{len(self.awaiting)} awaiting sign-off")
        if self.unowned:
            parts.append(f"{len(self.unowned)} overdue with no owner")
        if self.responses:
            parts.append(f"{len(self.responses)} response{'s' if len(self.responses) != 1 else ''} due")
        return "HMIC recommendations: " + ", ".join(parts)


@dataclass
class Digests:
    as_of: date
    until: date  # the last day of the window
    digests: list[Digest]
    sender: str | None = None  # From: of the messages (--from)

    @property
    def addressed(self) -> list[Digest]:
        return [d for d in self.digests if d.address]

    @property
    def unaddressed(self) -> list[str]:
        return [d.owner for d in self.digests if not d.address]


def window(as_of: date, within, amber_days: int) -> date:
    """The last day of the window: `within` (30d, 2w, 1m: text or a `dates.Duration`) after the as-of day,
    else the amber window."""
    if within is None:
        return as_of + timedelta(days=amber_days)
    try:
        return as_of + (within.delta if hasattr(within, "delta") else parse_duration(within))
    except ValueError as exc:
        raise UsageError(f"--within: {exc}") from None
    except OverflowError:
        return date.max


def _address(owners: dict[str, str], name: str) -> str | None:
    return people.lookup(owners, name) or None


def digests(dataset: Dataset, as_of: date, until: date, owners: dict[str, str], wanted: list[str] | None = None,
            escalate_after: int | None = None, escalate_to: str | None = None,
            approvers: tuple[str, ...] = (), response_days: int | None = None) -> Digests:
    """Each person's digest, people in name order, items most overdue (or soonest due) first."""
    reports = {r.id: r for r in dataset.reports}
    found: dict[str, Digest] = {}  # by the name's key: one digest per person however the name is written
    wanted_keys = {people.key(w) for w in wanted or []}

    def digest(name: str) -> Digest | None:
        who = people.key(name)
        if wanted_keys and who not in wanted_keys:
            return None
        if who not in found:
            address = _address(owners, name) or (name if name == escalate_to and "@" in name else None)
            found[who] = Digest(name, address)
        return found[who]

    for rec in dataset.recommendations:
        if rec.status not in OUTSTANDING:
            continue
        awaiting = rec.status is Status.awaiting_sign_off
        if rec.owner is None and not (awaiting and approvers):
            if escalate_to and escalate_after is not None:
                _unowned(query.item(rec, reports[rec.report], as_of), as_of, escalate_after, digest(escalate_to))
            continue
        item = query.item(rec, reports[rec.report], as_of)
        if awaiting:
            proposer = history.proposer(rec)
            signers = [a for a in approvers if not people.among(a, (rec.owner, proposer))] if approvers else [rec.owner]
            for name in signers:
                if name and (d := digest(name)) is not None:
                    d.awaiting.append(item)
            if approvers:
                continue  # the approvers chase it; its owner has done their part
        if rec.owner is None or (d := digest(rec.owner)) is None or awaiting:
            continue
        if item.overdue:
            d.overdue.append(item)
            if escalate_after is not None and -item.days_left > escalate_after and not waivers.item_waived(item, as_of):
                d.escalated.append(item)  # a waived item is overdue by agreement: never escalated
        elif item.due_date is not None and as_of <= item.due_date <= until:
            d.due_soon.append(item)
    _responses(dataset, as_of, until, response_days, digest)
    out = []
    for who in sorted(found):
        d = found[who]
        if not d.count:
            continue
        d.overdue.sort(key=lambda i: (i.days_left, query.natural(i.rec.id)))
        d.due_soon.sort(key=lambda i: (i.days_left, query.natural(i.rec.id)))
        d.awaiting.sort(key=lambda i: (i.due_date or date.max, query.natural(i.rec.id)))
        d.escalated.sort(key=lambda i: (i.days_left, query.natural(i.rec.id)))
        d.unowned.sort(key=lambda i: (i.days_left, query.natural(i.rec.id)))
        if d.escalated and escalate_to:
            d.cc = escalate_to
        out.append(d)
    return Digests(as_of, until, out)


_UNSAFE = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")


def header_safe(value: str | None) -> bool:
    """Whether a value can go into an e-mail header and a file name as it is: no control character or
    line break (a CR or LF would start a header of its own)."""
    return value is None or not _UNSAFE.search(value)


def checked(digests_: Digests) -> list[str]:
    """The boundary: each digest whose owner's name or address cannot go into a header is left out, and
    an escalation copy (escalate_to) that cannot is dropped; one message for each, never all reminders."""
    said, kept = [], []
    for d in digests_.digests:
        if not (header_safe(d.owner) and header_safe(d.address)):
            bad = "name" if not header_safe(d.owner) else "address"
            said.append(f"{_UNSAFE.sub(' ', d.owner)!r}: the owner's {bad} holds a line break or control "
                        "character: this reminder is skipped (fix it in the tracker or the project file's [owners])")
            continue
        if not header_safe(d.cc):
            said.append(f"escalate_to {_UNSAFE.sub(' ', d.cc)!r} holds a line break or control character: "
                        f"{d.owner}'s reminder goes without the escalation copy (fix it in the project file)")
            d.cc = None
        kept.append(d)
    digests_.digests = kept
    return said


def _unowned(item: Item, as_of: date, escalate_after: int, to: Digest | None) -> None:
    """An item overdue by more than `escalate_after` days with no owner goes to `escalate_to`, to assign one
    (unless waived, or `--owner` left `escalate_to` out)."""
    if to is not None and item.overdue and -item.days_left > escalate_after and not waivers.item_waived(item, as_of):
        to.unowned.append(item)


def _responses(dataset: Dataset, as_of: date, until: date, response_days: int | None, digest) -> None:
    """Issue 31: each report whose published response is missed or due by `until`, to the owners of its items
    still without a response (`edit --response`), with those items' ids."""
    due = {c.report.id: c for c in cycle.responses_due(dataset, as_of, (until - as_of).days, response_days)}
    if not due:
        return
    waiting: dict[tuple[str, str], list[str]] = {}
    for rec in dataset.recommendations:
        if rec.report in due and rec.owner and not (rec.response or "").strip():
            waiting.setdefault((rec.owner, rec.report), []).append(rec.id)
    for (owner, report_id), ids in waiting.items():
        if (d := digest(owner)) is not None:
            d.responses.append((due[report_id], ids))


def _filename(owner: str, taken: set[str]) -> str:
    stem = re.sub(r"[^A-Za-z0-9]+", "-", owner).strip("-").lower() or "owner"
    name, n = f"{stem}.eml", 2
    while name in taken:
        name, n = f"{stem}-{n}.eml", n + 1
    taken.add(name)
    return name


def write_eml(digests_: Digests, sender: str | None, folder: Path) -> list[Path]:
    """One `.eml` per addressed owner in `folder` (made if missing), each written atomically."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataError(str(folder), [Problem(f"cannot make the folder: {exc.strerror or exc}")],
                        "nothing was written") from None
    # lazy: hmic_cli.store.atomic adds 0.5 ms to `hmic diff` start-up (python -X importtime)
    from hmic_cli.store.atomic import write_output

    taken: set[str] = set()
    written = []
    for digest, msg in messages(digests_, sender):
        written.append(write_output(folder / _filename(digest.owner, taken), bytes(msg)))
    return written


def parse_server(value: str) -> tuple[str, int]:
    """`HOST:PORT` (`[::1]:25` for an IPv6 address); PORT defaults to 25."""
    match = re.fullmatch(r"\[([^\]]+)\](?::(\d{1,5}))?|([^:\s]+)(?::(\d{1,5}))?", value.strip())
    if not match:
        raise UsageError(f"--smtp {value!r} is not HOST:PORT", "e.g. --smtp smtp.example.org:587")
    host = match.group(1) or match.group(3)
    port = int(match.group(2) or match.group(4) or 25)
    if not 0 < port < 65536:
        raise UsageError(f"--smtp port {port} is not a port number (1-65535)")
    return host, port


def send(outgoing: list[tuple[Digest, EmailMessage]], host: str, port: int, starttls: bool,
         user: str | None, password: str | None, timeout: float = 30.0) -> list[str]:
    """Send each message through one SMTP session; the owners reached, or a SendError saying who was
    reached and who was not."""
    import smtplib
    import ssl

    try:
        smtp = smtplib.SMTP(host, port, timeout=timeout)
    except (OSError, smtplib.SMTPException) as exc:
        raise SendError(f"cannot connect to the SMTP server {host}:{port}: {_why(exc)}; no reminder was sent",
                        "check --smtp HOST:PORT and that the server is running") from None
    reached: list[str] = []
    failed: list[str] = []
    try:
        with smtp:
            if starttls:
                smtp.starttls(context=ssl.create_default_context())
            if user:
                smtp.login(user, password or "")
            for n, (digest, msg) in enumerate(outgoing):
                try:
                    refused = smtp.send_message(msg)
                    if digest.address in refused:  # a Cc took it, the owner did not
                        code, text = refused[digest.address]
                        failed.append(f"{digest.owner} (refused: {code} {_text(text)})")
                        continue
                    reached.append(digest.owner)
                except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as exc:
                    failed.append(f"{digest.owner} ({_why(exc)})")
                except (OSError, smtplib.SMTPException) as exc:
                    failed.append(f"{digest.owner} ({_why(exc)})")
                    failed += [d.owner for d, _ in outgoing[n + 1:]]
                    break
    except (OSError, smtplib.SMTPException) as exc:
        if not reached and not failed:
            raise SendError(f"the SMTP server {host}:{port} refused the session: {_why(exc)}; no reminder was sent",
                            "check --starttls and HMIC_SMTP_USER / HMIC_SMTP_PASSWORD") from None
        # a failure while closing the session: what was sent was sent
    if failed:
        raise SendError(f"sent {len(reached)} of {len(outgoing)} reminders: reached "
                        f"{', '.join(reached) or 'nobody'}; not sent: {'; '.join(failed)}",
                        "send again with --owner NAME for those not reached")
    return reached


def _text(value) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _why(exc: BaseException) -> str:
    import smtplib

    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [f"{code} {_text(msg)}" for code, msg in exc.recipients.values()]
        return "refused: " + "; ".join(codes)
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{exc.smtp_code} {_text(exc.smtp_error)}"
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
