"""What a sentence of a report does: direct someone, name a list of items, quote, or close items.

* A direction has a modal ("should", "must", "needs to", "recommends") or opens with an imperative
  ("Ensure ...").
* An actor's direction opens with who is to act and a modal, then an active verb: "Police Scotland
  should review ...", "Chief constables and the College of Policing should establish ...". General
  statements ("Each service should ...", "More should be done"), passives ("should be"), hindsight
  ("should have been") and reported speech are not.
* A naming lead-in introduces items one per list item (see `names_items`); one that gives examples
  ("... recommendations which include:", "including:") does not.
* An elaborating lead-in ("This work should include:", "Guidance to staff should include:")
  continues the direction before it, so its list belongs to that one item.
* A closing statement says the items just given are closed ("we have closed the cause of concern",
  "the recommendations have been discharged"); one about an earlier report's ("our 2019
  recommendations have been discharged", "the previous recommendations are closed") is not.
"""

from __future__ import annotations

import re

from hmic_cli.importing.deadlines import strip_deadlines
from hmic_cli.importing.tidy import strip_numbering

MODAL = r"(?:should|must|shall|needs?\s+to|ought\s+to|(?:is|are)\s+(?:required|expected)\s+to)"
_ADVERBS = r"(?:\s+(?:also|now|urgently|promptly|immediately|as\s+a\s+(?:matter\s+of\s+)?priority|without\s+delay))*"
_ITEM_WORDS = (r"(?:recommendations?|areas?\s+for\s+(?:improvement|development)|causes?\s+(?:of|for)\s+concern|actions?"
               r"|steps|improvements?)")
_NAMING_TAIL = re.compile(
    rf"(?:\b{MODAL}{_ADVERBS}|\b(?:are|is|were|as\s+follows)|(?<!should\s)(?<!must\s)\binclude"
    rf"|\bthe\s+following(?:\s+\w+)?(?:\s+{_ITEM_WORDS})?"
    rf"|^following(?:\s+{_ITEM_WORDS})?|\brecommends?\s+that|\b{_ITEM_WORDS})$", re.I)
_EXAMPLES = re.compile(r"\b(?:which|that)\s+includes?$|\bincluding$|\bsuch\s+as$|\bfor\s+example$|\be\.g\.?$", re.I)
KINDS_MENTIONED = re.compile(r"\brecommend|\bareas?\s+for\s+(?:improvement|development)\b"
                             r"|\bcauses?\s+(?:of|for)\s+concern\b", re.I)
_MAKES = re.compile(r"\b(?:made|makes|make|set\s+out|sets\s+out|identified|identifies|detailed|details|gave|gives"
                    r"|issued|issues|listed|lists)\b", re.I)
_DIRECTIVE = re.compile(rf"\b{MODAL}\b|\brecommend(?:s|ed)?\b", re.I)
_NOT_DIRECTIVE = re.compile(r"\b(?:should|must)\s+(?:not\s+)?have\s+(?:been|had|done|made|taken)\b", re.I)
IMPERATIVE = re.compile(
    r"^(?:ensure|make|place|review|develop|introduce|continue|establish|improve|put|consider|implement|provide|take"
    r"|undertake|set|adopt|conduct|carry|create|strengthen|reduce|increase|work|agree|appoint|publish|monitor"
    r"|assess|evaluate|identify|record|train|update|use|clarify|prioriti[sz]e|embed|give|build|extend|commission"
    r"|seek|audit|revise|remove|refer|share|check|act|allocate|complete|design|focus|raise|have|produce"
    r"|deliver|maintain|ensure|examine|engage|enhance|analyse|analyze|collect|communicate|routinely|regularly"
    r"|be|tell|stop|start|keep|invest|explain|inform|listen|respond|write|offer|treat|protect|recruit|retain)\b",
    re.I)
# an opening clause before an imperative: "After the risk assessment, provide ..."
_OPENING_CLAUSE = re.compile(r"^(?:after|before|when|where|once|if|within|by|for|following|at|during|from|in)\b"
                             r"[^,.;:]{1,80},\s+", re.I)
_QUOTED = re.compile(r"^[“\"‘'«]")
_REPORTED = re.compile(r"\b(?:said|says|told|added|explained|commented|according\s+to)\b", re.I)
_FIRST_DIRECTION = re.compile(rf"\b{MODAL}\b|\brecommend", re.I)
_ACTOR = re.compile(rf"^(?P<actor>[A-Z][^.;:!?]{{0,200}}?)\s+(?i:{MODAL})(?:\s+(?:also|now|urgently|promptly))?\s+"
                    r"(?P<verb>[a-z]+)")
_NOT_ACTOR = re.compile(
    r"\b(?:each|every|all|any|more|this|these|those|it|its\s+own|we|our|you|your|they|their|there|he|she|i|is|are"
    r"|was|were|has|have|had|be|been|said|says|found|which|that|who|whom|where|when|whether|because|if|although"
    r"|however|during|following|after|before|in|on|at|as|while|once|since|until|why|how|what|so|then)\b", re.I)
_ALL_OF = re.compile(r"^All\s+(?=(?:\w+\s+){0,3}?(?:forces|services|constabularies|chief\s+constables|chief\s+fire"
                     r"\s+officers|police\s+and\s+crime\s+commissioners|fire\s+and\s+rescue\s+authorities)\b)")
_ACTOR_FIRST = re.compile(r"^(?:the\s+|a\s+|an\s+)?\S", re.I)
_NOT_ACTIVE = {"be", "not", "never", "have", "also", "now"}
_ELABORATES = re.compile(
    rf"^(?:(?:this|these|that|it|they|such|the|its|their|this\s+\w+|these\s+\w+|the\s+\w+|guidance|training|the\s+plan)"
    rf"(?:\s+\w+){{0,4}}\s+{MODAL}\s+(?:also\s+)?(?:include|cover|address|contain|consider|set\s+out|involve"
    r"|comprise|incorporate|look\s+at|examine|be\s+(?:informed|supported)\s+by)\b)", re.I)
_FRAME = re.compile(rf"^(?:[\w’'&().,-]+\s+){{1,8}}?{MODAL}{_ADVERBS}(?:\s+(?:make\s+sure|ensure|see\s+to\s+it))?"
                    r"(?:\s+that)?\s*:?$", re.I)
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)”’\"'][.!?])\s+(?=[A-Z“‘\"'(])")
CLOSES = re.compile(
    r"\b(?:we|hmicfrs|hmicfrs\s+has|hmic|the\s+inspectorate)\s+(?:have\s+|has\s+|are\s+|is\s+)?(?:now\s+)?"
    r"(?:therefore\s+)?(?:closed|discharged|lifted|removed|signed\s+off)\s+(?:the|this|these|both|all|its|their)\b"
    r"|\b(?:causes?\s+(?:of|for)\s+concern|recommendations?)\s+(?:\w+\s+){0,3}?(?:has|have|is|are)\s+(?:now\s+)?"
    r"(?:been\s+)?(?:closed|discharged|lifted|removed|fully\s+(?:met|addressed|implemented))\b"
    r"|\bno\s+longer\s+(?:a\s+)?causes?\s+(?:of|for)\s+concern\b", re.I)
_EARLIER = re.compile(r"\b(?:previous|earlier|last|prior|past|former|(?:19|20)\d\d)\b", re.I)


def closes(text: str) -> bool:
    """A closing statement about the items just given, not about an earlier report's."""
    for found in CLOSES.finditer(text):  # the sentence around it, looked at within 500 characters each way
        low, high = max(0, found.start() - 500), min(len(text), found.end() + 500)
        start = max(low - 1, *(text.rfind(stop, low, found.start()) for stop in ".!?")) + 1
        ends = [end for end in (text.find(stop, found.end(), high) for stop in ".!?") if end >= 0]
        if not _EARLIER.search(text[start:min(ends) if ends else high]):
            return True
    return False


def directive(text: str) -> bool:
    body = strip_numbering(text)
    return bool((_DIRECTIVE.search(body) and not _NOT_DIRECTIVE.search(body)) or IMPERATIVE.match(body)
                or IMPERATIVE.match(_OPENING_CLAUSE.sub("", body, count=1)))


def quoted(text: str, paragraph: bool) -> bool:
    """Opens with a quotation mark, or (a paragraph) reports speech before any direction is given."""
    if _QUOTED.match(text):
        return True
    if not paragraph:
        return False
    reported = _REPORTED.search(text)
    direction = _FIRST_DIRECTION.search(text)
    return bool(reported and (direction is None or reported.start() < direction.start()))


def actor_directs(text: str) -> bool:
    """Opens with who is to act, a modal and an active verb (see the module docstring)."""
    body = strip_numbering(text)
    found = _ACTOR.match(body)
    if not found or found.group("verb").lower() in _NOT_ACTIVE or _NOT_DIRECTIVE.search(body[:found.end() + 30]):
        return False
    actor = _ALL_OF.sub("", found.group("actor"))  # "All forces should ..." names every force as the actor
    return len(actor.split()) <= 24 and not _NOT_ACTOR.search(actor) and not quoted(body, True)


def _said(text: str) -> str:
    return strip_deadlines(strip_numbering(text).rstrip().rstrip(":")).rstrip(" ,;–—-")


def gives_examples(text: str) -> bool:
    """A lead-in whose list gives examples ("... which include:", "including:") rather than the items."""
    return bool(_EXAMPLES.search(_said(text)))


def names_items(text: str) -> bool:
    """True for a lead-in that introduces items one per list item (see the module docstring)."""
    said = _said(text)
    if _EXAMPLES.search(said):
        return False
    if _NAMING_TAIL.search(said):
        return True
    return bool(KINDS_MENTIONED.search(said) and _MAKES.search(said) and not re.search(rf"\b{MODAL}\b", said, re.I))


def elaborates(sentence: str) -> bool:
    """A lead-in sentence that says what the direction before it should include."""
    return bool(_ELABORATES.match(sentence.strip()))


def is_frame(sentence: str) -> bool:
    """A lead-in sentence that is only who and a modal ("The service should make sure:")."""
    return bool(_FRAME.match(strip_deadlines(sentence.strip())))


def last_sentence(text: str) -> tuple[str, str]:
    """(what comes before the last sentence, the last sentence) of a paragraph."""
    cuts = [m.end() for m in _SENTENCE_END.finditer(text)]
    if not cuts:
        return "", text
    return text[:cuts[-1]].rstrip(), text[cuts[-1]:]


def sentences(text: str) -> list[str]:
    """A paragraph cut into its sentences."""
    cuts = [0] + [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    return [text[a:b].strip() for a, b in zip(cuts, cuts[1:], strict=False) if text[a:b].strip()]


def modal_in(text: str) -> bool:
    return bool(re.search(rf"\b{MODAL}\b", text, re.I))
