"""`hmic migrate FILE`: a schema_version 1 tracker upgraded to version 2 in place.

Version 2 keeps every version 1 field as it is, so the upgrade changes one value, `schema_version`,
through the one write path (locked, re-read, the whole result validated as version 2, atomic);
every other byte of the file stays as it was. Version 1 edits (status entries whose note says
"Edited: ...") are kept as they are: what they changed from cannot always be recovered, and every
command gives the same answers before and after.
"""

from __future__ import annotations

from hmic_cli.models import LATEST
from hmic_cli.store.transaction import Plan


def migrate():
    """A plan-maker for `writing.apply`."""

    def plan(loaded):
        version = loaded.dataset.schema_version
        if version >= LATEST:  # nothing to do is not an error: a script may run it on every tracker
            return Plan(message=f"{loaded.path} is already schema_version {version}: nothing to migrate.")
        return Plan(top={"schema_version": lambda _value: LATEST},
                    message=f"Migrated from schema_version {version} to {LATEST}")

    return plan
