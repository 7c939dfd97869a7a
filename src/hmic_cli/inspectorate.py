"""The inspectorate's own status of an item as hmic shows it (issue 31), beside the force's.

What the inspectorate published is kept as it was (`recommendations[].inspectorate_status`); an item the
force has closed and the inspectorate has not (no status, or one short of complete or no further action)
shows as awaiting review. No further action needed is never folded into the force's `superseded`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hmic_cli.vocabulary import InspectorateStatus, Status

if TYPE_CHECKING:
    from hmic_cli.models import Recommendation

# The inspectorate's statuses by which it has finished with an item: anything else on a closed item awaits review.
SETTLED = frozenset({InspectorateStatus.complete, InspectorateStatus.no_further_action_needed})
FORCE_CLOSED = frozenset({Status.complete})


def inspectorate_of(rec: Recommendation) -> InspectorateStatus | None:
    """The inspectorate's status as shown (see the module)."""
    view = getattr(rec, "inspectorate_status", None)
    stored = view.status if view is not None else None
    if rec.status in FORCE_CLOSED and stored not in SETTLED:
        return InspectorateStatus.awaiting_review
    return stored
