"""The shape of a report's outline that item finding reads beside the words: status lines and heading depth.

* `status_line`: a line that only reports progress is neither a heading nor an item, and it does not
  end the section it sits in: a tally ("0 of 4 implemented", "3 out of 5 recommendations achieved"),
  a bare status word or phrase ("Completed", "Superseded", "Not implemented", "In progress"), or
  a labelled status ("Status: In progress", "RAG: Amber"). Trackers and progress pages put these
  between the items they report on.
* `depth`: a numbered heading's depth ("4" or "4." is 1, "4.1" is 2, "4.1.2" is 3); 0 when it has no
  section number. A heading deeper than the section heading of a kind of item is a sub-heading
  inside that section ("4 Recommendations" then "4.2 Custody"): it keeps the section's type, deadline
  and cause of concern instead of ending it.
* `chapter`: a top-level numbered heading's number ("2. Recommendations": 2). Plain text of a PDF gives a
  chapter's number as a list marker; the next chapter ("3. Next steps", a title, not a direction) ends a
  section of items that chapter 2 opened.
* `judgement_heading`: the inspector's summary of judgements ("HM Inspector's observations", "HMI's
  summary", "Overall summary of inspection findings", "Summary of judgements"): what follows grades
  and observes ("The force needs to improve how it answers calls"); a bare direction under it is
  a judgement, not an item. An item heading, a label or deadline wording still count there.
"""

from __future__ import annotations

import re

_STATUS_WORDS = (r"(?:not\s+|partially\s+|fully\s+)?(?:implemented|achieved|completed?|met|discharged|closed|open"
                 r"|started)|superseded|in\s+progress|on\s+track|off\s+track|ongoing|outstanding|overdue"
                 r"|no\s+longer\s+relevant|new(?:\s+recommendation)?|awaiting\s+(?:evidence|sign[\s-]?off|closure)"
                 r"|proposed\s+for\s+closure|red|amber|green")
_BARE = re.compile(rf"^(?:{_STATUS_WORDS})\W*$", re.I)
_LABELLED = re.compile(r"^(?:current\s+)?(?:status|rag(?:\s+rating|\s+status)?|progress\s+rating)\s*[:\-–—]\s*"
                       r"[\w\s/-]{1,40}$", re.I)
_TALLY = re.compile(rf"^\d{{1,3}}\s+(?:out\s+)?of\s+\d{{1,3}}\s+(?:\w+\s+){{0,2}}?(?:{_STATUS_WORDS})\W*$", re.I)
_NUMBERED = re.compile(r"^(?P<number>\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(?=[A-Za-z])")


def status_line(text: str) -> str | None:
    """Why the line is a status line, in words; None when it is not one (see the module docstring)."""
    line = text.strip()
    if len(line) > 60:
        return None
    if _TALLY.match(line):
        return "a tally of progress ('N of M implemented'): not a heading, and the section carries on"
    if _BARE.match(line) or _LABELLED.match(line):
        return "a status line (the item's progress, not an item): the section carries on"
    return None


def depth(text: str) -> int:
    """A numbered heading's depth: "4 Recommendations" is 1, "4.2 Custody" 2; 0 when unnumbered."""
    found = _NUMBERED.match(text.strip())
    return found.group("number").count(".") + 1 if found else 0


def chapter(text: str) -> int | None:
    """A top-level numbered heading's number ("2. Recommendations", "3 Next steps"); None otherwise ("4.1 Custody")."""
    found = _NUMBERED.match(text.strip())
    return int(found.group("number")) if found and "." not in found.group("number") else None


_JUDGEMENT = re.compile(
    r"^(?:(?:hm\s+|his\s+majesty['’]?s\s+|her\s+majesty['’]?s\s+|the\s+)?(?:chief\s+)?inspector['’]?s|hmi['’]?s|hmci['’]?s)"
    r"\s+(?:observations|summary|overview|assessment|view)\b"
    r"|^(?:overall\s+)?summary\s+of\s+(?:(?:our\s+)?(?:graded\s+)?judge?ments|(?:the\s+)?inspection\s+findings|findings)\b"
    r"|^overall\s+(?:summary|assessment|judge?ments?)\b", re.I)


def judgement_heading(text: str) -> bool:
    """A heading over the inspector's summary of judgements (see the module docstring)."""
    return bool(_JUDGEMENT.match(text.strip()))
