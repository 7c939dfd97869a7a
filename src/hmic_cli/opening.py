"""The entry that opened an item: the status entry saying open that `add` and `import` write on the day the
item came into the tracker. It is the tracker's, not progress: it stays first in the history whatever the
dates of progress back-filled after it (from the report's publication on), and it never holds back-filling.
The one rule, used by the write commands (`history`), validation (`models`) and `merge`."""

from __future__ import annotations

from hmic_cli.vocabulary import Status


def opens(entries: list) -> bool:
    """Whether a history (models or JSON) starts with the entry that opened the item: a status entry saying
    open."""
    if not entries:
        return False
    first = entries[0]
    status = first.get("status") if isinstance(first, dict) else first.status
    return status is not None and str(getattr(status, "value", status)) == Status.open.value
