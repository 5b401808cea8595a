"""Characters a reader cannot see or cannot tell apart: shown escaped, named, compared away.

A submitted key or value may carry terminal escape sequences (ESC, C1 controls), bidi
overrides (U+202E turns ``exe.txt`` into ``txt.exe`` on screen), zero-width spaces and
look-alikes (the Kangxi radical ⾃ U+2F83 for 自 U+81EA). Three uses, one table of them:

* :func:`shown` — what is printed on a terminal: each such character escaped as ``\\u202e``;
* :func:`describe` — a message's words for the hidden and look-alike characters of a name;
* :func:`comparable` — the form two names are compared in: NFKC, hidden characters and
  white space removed, so that 示例镇 and 示例\u200b镇 or ＡＢ and AB are one name.
"""

from __future__ import annotations

import re
import unicodedata

from reportkit.i18n import _

__all__ = ["comparable", "describe", "shown"]

_HIDDEN = re.compile(
    "["
    "\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 (but tab and newline) and C1 controls, ESC among them
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f"
    "\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
    "]"
)
"""Control and format characters (and the other default-ignorable ones: variation selectors,
fillers), which a terminal either obeys or does not draw."""


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def shown(text: str) -> str:
    """``text`` safe to print: every control or format character escaped (``\\u202e``)."""
    return _HIDDEN.sub(_escaped, text)


def comparable(text: str) -> str:
    """The form in which two names are the same name: NFKC, without hidden characters or
    white space (full-width ＡＢ is AB, 示例\u200b镇 is 示例镇, ⾃ is 自)."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in _HIDDEN.sub("", folded) if not ch.isspace())


def _name(ch: str) -> str:
    return unicodedata.name(ch, f"U+{ord(ch):04X}")


def describe(text: str) -> str:
    """Words naming each hidden or look-alike character in ``text`` (empty if none).

    A look-alike is a character that NFKC turns into another one (⾃ → 自, Ａ → A).
    """
    parts = []
    seen: set[str] = set()
    for ch in text:
        if ch in seen:
            continue
        seen.add(ch)
        if _HIDDEN.fullmatch(ch):
            parts.append(
                _("含有看不见的字符 U+{code:04X}（{name}）").format(code=ord(ch), name=_name(ch))
            )
            continue
        folded = unicodedata.normalize("NFKC", ch)
        if folded != ch and not ch.isspace():
            message = _("“{char}”是形似字符 U+{code:04X}（{name}），应为“{plain}”（{plain_code}）")
            plain_code = "、".join(f"U+{ord(c):04X}" for c in folded)
            parts.append(
                message.format(
                    char=ch, code=ord(ch), name=_name(ch), plain=folded, plain_code=plain_code
                )
            )
    return _("；").join(parts)
