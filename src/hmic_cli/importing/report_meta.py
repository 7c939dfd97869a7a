"""A new report's id, prefix and inspectorate, the same for every import and for `report add`."""

from __future__ import annotations

import re
from datetime import date

from hmic_cli.models import PREFIX

# HMIC took on the inspection of fire and rescue services and became HM Inspectorate of Constabulary
# and Fire & Rescue Services (HMICFRS) as announced in the Minister's written statement to Parliament
# of 19 July 2017 ("Fire and rescue authorities: England", HCWS; reported by the inspectorate and
# the fire press that July). Reports published from that day carry the new name.
HMICFRS_FROM = date(2017, 7, 19)


def inspectorate_for(published: date) -> str:
    """`HMICFRS` for a report published from 19 July 2017, `HMIC` before."""
    return "HMICFRS" if published >= HMICFRS_FROM else "HMIC"


def slug(*parts: str, limit: int = 8) -> str:
    """A report id from its words, each word once ("west-mercia-police-peel-2023", not
    "west-mercia-police-peel-2023-west-mercia-police"), at most `limit` words."""
    words = re.findall(r"[a-z0-9]+", " ".join(p for p in parts if p).lower())
    return "-".join(list(dict.fromkeys(words))[:limit]) or "report"


def unique_slug(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`... the first not in `taken`."""
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def with_prefix(report: dict, prefix: str, version: int) -> dict:
    """A new report's entry with the id prefix its items were given, for `add` to continue (schema 2:
    a version 1 file has no `reports[].prefix`, and `add` then takes the initials of the report id)."""
    import re

    if version >= 2 and "prefix" not in report and re.fullmatch(PREFIX, prefix):
        return {**report, "prefix": prefix}
    return report
