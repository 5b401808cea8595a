"""Messages in the user's language: Chinese by default, English with ``--lang en`` or the locale.

Every user-facing message is written in Chinese in the code, wrapped in ``_()``; the
Chinese text is the gettext message id. The English catalogue lives in
``locale/en/LC_MESSAGES/reportkit.po`` and is compiled to ``.mo`` when the package is
built (see hatch_build.py); ``make messages`` adds new messages to it after code changes.
The report itself is always Chinese — only messages to the user are translated.

The command-line library (click) words its own messages — usage errors, help headings —
in English, through gettext; :func:`library_gettext` gives them in the user's language,
from ``locale/zh/LC_MESSAGES/click.po`` in Chinese (cli.py routes click's gettext here).
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
    "library_gettext",
    "library_ngettext",
    "set_language",
]

DOMAIN = "reportkit"
LIBRARY_DOMAIN = "click"
"""The catalogue of click's own (English) messages, translated into Chinese."""
LANGUAGES = ("zh", "en")
SOURCE_LANGUAGES = {DOMAIN: "zh", LIBRARY_DOMAIN: "en"}
"""The language each catalogue's message ids are written in (no catalogue is needed for it)."""

_translations: gettext.NullTranslations = gettext.NullTranslations()
_library: gettext.NullTranslations = gettext.NullTranslations()
_language = "zh"


def language_from_environment() -> str:
    """``en`` when REPORTKIT_LANG, LANGUAGE, LC_ALL, LC_MESSAGES or LANG asks for English."""
    for name in ("REPORTKIT_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def _catalogue(domain: str, language: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``domain`` in ``language`` (none: the message ids as written)."""
    if language == SOURCE_LANGUAGES[domain]:
        return gettext.NullTranslations()
    folder = importlib.resources.files("reportkit") / "locale" / language / "LC_MESSAGES"
    mo = folder / f"{domain}.mo"
    if not mo.is_file():
        return gettext.NullTranslations()
    with mo.open("rb") as handle:
        return gettext.GNUTranslations(handle)


def set_language(language: str) -> None:
    """Use ``language`` (zh or en) for every message from now on."""
    global _translations, _library, _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language: {language}")
    _language = language
    _translations = _catalogue(DOMAIN, language)
    _library = _catalogue(LIBRARY_DOMAIN, language)


def current_language() -> str:
    return _language


def _(message: str) -> str:
    """``message`` (Chinese, the message id) in the current language."""
    return _translations.gettext(message)


def library_gettext(message: str) -> str:
    """A message of click's (an English message id) in the current language."""
    return _library.gettext(message)


def library_ngettext(singular: str, plural: str, n: int) -> str:
    """A message of click's with a singular and a plural form, in the current language."""
    return _library.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a message kept in a table for translation where it is used (returns it unchanged)."""
    return message
