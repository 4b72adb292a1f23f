"""Text as people look it up: without the accents they may or may not type."""

from __future__ import annotations

import unicodedata


def without_accents(text: str) -> str:
    """ "Doña" -> "Dona", "Árabe" -> "Arabe": the base letters, marks dropped."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c))
