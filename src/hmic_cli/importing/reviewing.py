"""`hmic import FILE --into T --review`: on a terminal, walk the items to check (and, when asked, all of
them) and accept, reject, change the type, set the parent or join an item to the one before. Nothing is
written until the end; when any item is marked `check` it asks before writing; Ctrl-C (or end of input)
writes nothing and exits 130.

The walk is `walk(found, ask, say)`: `ask(prompt) -> str` reads an answer, `say(text)` shows a line, so
the prompts can be driven by a test as by a person.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from hmic_cli.errors import HmicError, UsageError
from hmic_cli.render.found_grid import DEADLINE_WORDS, TYPE_WORDS, type_words

CHOICES = "[a]ccept, [r]eject, [t]ype, [p]arent, [j]oin to the one before, accept [A]ll the rest"
_TYPE_KEYS = {"r": "recommendation", "a": "area-for-improvement", "c": "cause-of-concern",
              "x": "accelerated-cause-of-concern"}


class Cancelled(HmicError):
    """The review was stopped (Ctrl-C, end of input, or 'no' to writing): nothing written."""

    exit_code = 130


def _show(n: int, item, say: Callable[[str], None]) -> None:
    parent = f", under item {item.parent + 1}" if item.parent is not None else ""
    say(f"\n{n + 1}. {type_words(item.type)}{parent}, {DEADLINE_WORDS.get(item.deadline, item.deadline)}"
        f" [{item.confidence}], line {item.line}")
    say(f"   {item.text}")
    if item.because:
        say(f"   why: {item.because}")


def walk(found: list, ask: Callable[[str], str], say: Callable[[str], None], everything: bool = False) -> list:
    """The items as the reviewer leaves them (see the module docstring); parents re-pointed after rejects."""
    kept: dict[int, object] = {}
    accept_rest = False
    for n, item in enumerate(found):
        if accept_rest or (item.confidence != "check" and not everything):
            kept[n] = item
            continue
        _show(n, item, say)
        while True:
            answer = ask(f"   {CHOICES}? ").strip()
            if answer in ("a", ""):
                kept[n] = item
                break
            if answer == "A":
                kept[n], accept_rest = item, True
                break
            if answer == "r":
                break
            if answer == "t":
                key = ask("   type: [r]ecommendation, [a]rea for improvement, [c]ause of concern, "
                          "accelerated cause of concern [x]? ").strip().lower()
                item.type = _TYPE_KEYS.get(key, item.type)
                say(f"   now {type_words(item.type)}")
            elif answer == "p":
                number = ask("   parent: the number of a cause of concern above, or 0 for none? ").strip()
                if number.isdigit() and 0 < int(number) <= n and int(number) - 1 in kept:
                    item.parent = int(number) - 1
                elif number == "0":
                    item.parent = None
                else:
                    say("   not an item kept above: parent unchanged")
            elif answer == "j":
                before = max((i for i in kept if i < n), default=None)
                if before is None:
                    say("   no item before it to join")
                    continue
                kept[before].text = kept[before].text.rstrip() + " " + item.text
                kept[before].quote = kept[before].quote + "\n" + item.quote
                break
            else:
                say(f"   answer one of: {CHOICES}")
    index = {old: new for new, old in enumerate(kept)}
    result = list(kept.values())
    for item in result:
        item.parent = index.get(item.parent) if item.parent is not None else None
    return result


def review_on_terminal(found: list, name: str) -> list:
    """The walk on the terminal; a confirmation before writing when any item was marked `check`."""
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        raise UsageError("--review asks questions on a terminal, and this is not one",
                         "use --review-file REVIEW.md, tick the items, then hmic import --accepted REVIEW.md --into T")
    say = lambda text: print(text, file=sys.stderr)  # noqa: E731
    try:
        checks = sum(1 for item in found if item.confidence == "check")
        say(f"{len(found)} items found in {name}; {checks} to check.")
        everything = ask_yes(input, "Walk through every item, not only those to check? [y/N] ")
        kept = walk(found, input, say, everything)
        if checks and not ask_yes(input, f"Write {len(kept)} items? [y/N] "):
            raise Cancelled("nothing written: the review was not confirmed")
        return kept
    except (KeyboardInterrupt, EOFError):
        raise Cancelled("review stopped: nothing written") from None


def ask_yes(ask: Callable[[str], str], prompt: str) -> bool:
    return ask(prompt).strip().lower() in ("y", "yes")


__all__ = ["Cancelled", "TYPE_WORDS", "review_on_terminal", "walk"]
