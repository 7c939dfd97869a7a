"""Whether a waiver runs on a day: the one rule, used by `check`, the board pack, `diff` and `remind`.

A waiver runs until its `until`, that day included; from the next day it has expired.
"""

from __future__ import annotations

from datetime import date


def runs(waiver, day: date) -> bool:
    """True while `waiver` (a `models.Waiver` or None) runs on `day`."""
    return waiver is not None and day <= waiver.until


def item_waived(item, day: date) -> bool:
    """True while the item's waiver runs on `day`."""
    return runs(item.rec.waiver, day)


def state(waiver, day: date) -> str | None:
    """'active' while the waiver runs on `day`, 'expired' after, None without one."""
    if waiver is None:
        return None
    return "active" if runs(waiver, day) else "expired"


def expiring(waiver, day: date, within_days: int) -> bool:
    """Running on `day` and ending within `within_days` days of it."""
    return runs(waiver, day) and (waiver.until - day).days <= within_days
