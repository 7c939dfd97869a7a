"""`hmic remind`'s digests: Markdown (every owner's, on stdout; one owner's as an e-mail's body) and
e-mail messages (an mbox of one message per owner on stdout; `--output-dir` writes `.eml` files)."""

from __future__ import annotations

from typing import BinaryIO, TextIO

from hmic_cli import waivers
from hmic_cli.history import proposer
from hmic_cli.render.markdown import escape
from hmic_cli.render.present import due_text
from hmic_cli.vocabulary import word


def _rows(items, what: str, as_of) -> list[str]:
    lines = ["| ID | Due | " + what + " | Status | Text |", "|---|---|---|---|---|"]
    for item in items:
        rec = item.rec
        if what == "Days overdue":
            days = -item.days_left
        elif what == "Days left":
            days = item.days_left
        else:
            days = escape(_proposer(rec))
        text = rec.text if len(rec.text) <= 200 else rec.text[:197] + "..."
        status = word(rec.status)
        if rec.waiver is not None:  # an overdue item's waiver is what its owner must see first
            status += (f", waived until {rec.waiver.until.isoformat()}: {escape(rec.waiver.reason)}"
                       if waivers.runs(rec.waiver, as_of) else f", waiver ended {rec.waiver.until.isoformat()}")
        lines.append(f"| {escape(rec.id)} | {due_text(item)} | {days} | {status} | {escape(text)} |")
    return lines


def _proposer(rec) -> str:
    return proposer(rec) or "-"


def owner_markdown(digest, digests, greeting: bool = False) -> str:
    """One person's digest (a `##` section, or a whole e-mail body with `greeting`)."""
    out = []
    if greeting:
        out += [f"Dear {digest.owner},", "",
                f"This is what hmic finds for you in the recommendations tracker as of {digests.as_of.isoformat()}.",
                ""]
    else:
        who = escape(digest.owner) + (f" <{escape(digest.address)}>" if digest.address else " (no address)")
        out += [f"## {who}", ""]
        if digest.cc:
            out += [f"Copied to {escape(digest.cc)}: {len(digest.escalated)} item(s) overdue beyond the "
                    "escalation threshold.", ""]
    sections = ((f"Overdue ({len(digest.overdue)})", digest.overdue, "Days overdue"),
                (f"Due by {digests.until.isoformat()} ({len(digest.due_soon)})", digest.due_soon, "Days left"),
                (f"Awaiting sign-off ({len(digest.awaiting)})", digest.awaiting, "Proposed by"),
                (f"Overdue with no owner: assign one ({len(digest.unowned)})", digest.unowned, "Days overdue"))
    level = "##" if greeting else "###"
    for title, items, what in sections:
        if items:
            out += [f"{level} {title}", "", *_rows(items, what, digests.as_of), ""]
    if digest.responses:  # issue 31: the published response to a report, and their items without one
        out += [f"{level} Responses due ({len(digest.responses)})", ""]
        for clock, ids in digest.responses:
            when = f"{-clock.days_left} days late" if clock.days_left < 0 else f"{clock.days_left} days left"
            out.append(f"- {escape(clock.report.title)}: response due {clock.due.isoformat()} ({when}); your items "
                       f"without a response: {escape(', '.join(ids))} (`hmic edit ID --response TEXT`)")
        out.append("")
    if greeting:
        if digest.escalated and digest.cc:
            out += [f"{len(digest.escalated)} item(s) are overdue beyond the escalation threshold, so this message is "
                    f"copied to {digest.cc}.", ""]
        out += ["Record progress with `hmic update ID --status ... --note ...`.", ""]
    return "\n".join(out)


def markdown(digests, out: TextIO) -> None:
    out.write(f"# Reminders as of {digests.as_of.isoformat()} (due by {digests.until.isoformat()})\n\n")
    for digest in digests.digests:
        out.write(owner_markdown(digest, digests))
        out.write("\n")


def eml(digests, out: BinaryIO) -> None:
    """Every addressed owner's message, as an mbox (`From ` lines, `>From ` quoting) a mail tool can read."""
    from email.generator import BytesGenerator
    from io import BytesIO

    for _, msg in messages(digests, digests.sender):
        buffer = BytesIO()
        BytesGenerator(buffer, mangle_from_=True).flatten(msg, unixfrom=False)
        out.write(b"From hmic " + digests.as_of.strftime("%a %b %d 00:00:00 %Y").encode() + b"\n")
        out.write(buffer.getvalue().replace(b"\r\n", b"\n"))
        out.write(b"\n")


def message(digest, digests, sender: str | None):
    """One owner's digest as an e-mail (`email.message.EmailMessage`): plain text (Markdown) with the owner
    as To, Cc when escalated."""
    from email.message import EmailMessage
    from email.utils import formataddr, formatdate, make_msgid

    msg = EmailMessage()
    if sender:
        msg["From"] = sender
    msg["To"] = formataddr((digest.owner, digest.address)) if digest.address else digest.owner
    if digest.cc:
        msg["Cc"] = digest.cc
    msg["Subject"] = digest.subject(digests.until)
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain="hmic.invalid")
    msg["X-Hmic-As-Of"] = digests.as_of.isoformat()
    msg.set_content(owner_markdown(digest, digests, greeting=True))
    return msg


def messages(digests, sender: str | None) -> list:
    """(digest, message) for each owner with an address."""
    return [(d, message(d, digests, sender)) for d in digests.addressed]
