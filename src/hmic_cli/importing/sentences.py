"""Items written as one sentence inside a paragraph of other prose.

* `recommending`: the sentences of a paragraph in which the inspectorate itself recommends, in the
  present tense ("We recommend that the force reviews ...", "HMICFRS recommends that ...", "We also
  recommend that ..."). Each is an item on its own, its text only that sentence: the paragraph's
  other sentences are findings or background. A report of someone else's recommendation ("The
  report recommends that ...") or of an earlier one ("We recommended that ...") is not an item here.
"""

from __future__ import annotations

import re

from hmic_cli.importing.phrases import sentences

_SPEAKER = (r"(?:we|i|hmicfrs|hmics|hmic|hmcpsi|(?:the\s+)?iopc|(?:the\s+)?ipcc|hmi\s+\w+|hm\s+inspectorate\s+of\s+\w+"
            r"|the\s+inspectorate|inspectors)")
_RECOMMENDING = re.compile(rf"^{_SPEAKER}\s+(?:therefore\s+|also\s+|strongly\s+|further\s+)*recommends?\s+that\s+\S",
                           re.I)


def recommending(text: str) -> list[str]:
    """The sentences of `text` in which the inspectorate recommends (see the module docstring)."""
    return [sentence for sentence in sentences(text) if _RECOMMENDING.match(sentence)]
