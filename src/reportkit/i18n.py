"""Messages in the user's language: Chinese by default, English with ``--lang en`` or the locale.

Every user-facing message is written in Chinese in the code, wrapped in ``_()``; the
Chinese text is the gettext message id. The English catalogue lives in
``locale/en/LC_MESSAGES/reportkit.po`` and is compiled to ``.mo`` when the package is
built (see hatch_build.py); ``make messages`` adds new messages to it after code changes.
The report itself is always Chinese — only messages to the user are translated.
"""

from __future__ import annotations

import gettext
import importlib.resources
import os

__all__ = [
    "LANGUAGES",
    "N_",
    "_",
    "current_language",
    "language_from_environment",
    "set_language",
]

DOMAIN = "reportkit"
LANGUAGES = ("zh", "en")

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = "zh"


def language_from_environment() -> str:
    """``en`` when REPORTKIT_LANG, LANGUAGE, LC_ALL, LC_MESSAGES or LANG asks for English."""
    for name in ("REPORTKIT_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def set_language(language: str) -> None:
    """Use ``language`` (zh or en) for every message from now on."""
    global _translations, _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language: {language}")
    _language = language
    _translations = gettext.NullTranslations()
    if language == "zh":
        return
    catalogue = importlib.resources.files("reportkit") / "locale" / language / "LC_MESSAGES"
    mo = catalogue / f"{DOMAIN}.mo"
    if mo.is_file():
        with mo.open("rb") as handle:
            _translations = gettext.GNUTranslations(handle)


def current_language() -> str:
    return _language


def _(message: str) -> str:
    """``message`` (Chinese, the message id) in the current language."""
    return _translations.gettext(message)


def N_(message: str) -> str:
    """Mark a message kept in a table for translation where it is used (returns it unchanged)."""
    return message
