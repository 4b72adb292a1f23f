"""The discreet handout: words that would say what the paper is about, left out.

A caller may take a printed list home to where the person hurting her lives. As
the SF Service Guide's intimate-partner-violence handout does, a name that holds
one of these words is replaced, and other text drops the word.
"""

from __future__ import annotations

import re

SENSITIVE = (
    "domestic violence", "intimate partner violence", "family violence", "dating violence",
    "sexual violence", "sexual assault", "violence", "abuse", "abused", "abuser", "abusive",
    "battered", "battering", "assault", "rape", "trafficking", "survivor", "survivors",
    "victim", "victims", "stalking", "dv",
)  # fmt: skip
_PATTERN = re.compile(
    r"(?<![\w])("
    + "|".join(re.escape(w) for w in sorted(SENSITIVE, key=len, reverse=True))
    + r")(?![\w])",
    re.IGNORECASE,
)
NEUTRAL_NAME = "Recommended service"


def is_sensitive(text: str) -> bool:
    return bool(_PATTERN.search(text or ""))


def name(text: str) -> str:
    return NEUTRAL_NAME if is_sensitive(text) else text


def text(value: str) -> str:
    return " ".join(_PATTERN.sub("", value or "").split())
