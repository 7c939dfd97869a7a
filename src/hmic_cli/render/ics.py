"""iCalendar output (RFC 5545) with the `icalendar` package: one all-day event per item at its due date.

Each event's UID is made of the report and item ids, so a calendar that imports the file again updates
the events instead of doubling them. Items without a due date (deadline `none`) have no event.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import BinaryIO

from icalendar import Calendar, Event

from hmic_cli import __version__
from hmic_cli.query import Selection
from hmic_cli.sanitize import inert, one_line

UID_DOMAIN = "hmic.invalid"  # RFC 5545 suggests a domain in UIDs; .invalid never belongs to anyone


def list_items(selection: Selection, out: BinaryIO) -> None:
    cal = Calendar()
    cal.add("prodid", f"-//hmic//hmic {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "HMIC recommendations due")
    stamp = datetime.combine(selection.as_of, datetime.min.time(), tzinfo=timezone.utc)
    for item in selection.items:
        if item.due_date is None:
            continue
        rec = item.rec
        event = Event()
        event.add("uid", f"{rec.report}.{rec.id}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.due_date)
        if item.due_date < date.max:  # an all-day event without DTEND lasts its one day (RFC 5545)
            event.add("dtend", item.due_date + timedelta(days=1))
        event.add("summary", one_line(f"{rec.id} due ({rec.deadline.value}): {_short(rec.text)}"))
        lines = [inert(rec.text), "", f"Report: {inert(item.report.title)} ({one_line(item.report.force)})",
                 f"Status: {rec.status.value}", f"Themes: {', '.join(rec.themes)}"]
        if rec.owner:
            lines.append(f"Owner: {one_line(rec.owner)}")
        event.add("description", "\n".join(lines))
        event.add("categories", [item.rag.value.upper(), *rec.themes])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    out.write(cal.to_ical())


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
