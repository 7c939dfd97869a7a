"""One JSON value as one comparable text: the record guard and the merge driver compare history entries
and revisions by it (keys sorted, so the order a writer put them in does not count)."""

from __future__ import annotations

import json


def canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)
