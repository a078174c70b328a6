"""Spun wording undone: copied reports replace words by near-synonyms (效劳 for 服务, 根本 for 基本) to pass as
new text. Matching reads through them; what duban stores and shows keeps the report's own words.

The built-in pairs are the ones seen in real copies; a workspace adds its own in duban.toml's [synonyms].
"""

from __future__ import annotations

import re
from typing import Mapping

BUILTIN = {"效劳": "服务", "根本": "基本", "方案生育": "计划生育"}


class Synonyms:
    """spun → real words, applied longest first in one pass (so 方案生育 wins over any shorter pair inside it)."""

    def __init__(self, extra: Mapping[str, str] | None = None, builtin: bool = True):
        pairs = dict(BUILTIN) if builtin else {}
        pairs.update({str(k): str(v) for k, v in (extra or {}).items() if k and isinstance(v, str)})
        self.pairs = {spun: real for spun, real in pairs.items() if spun != real}
        self._pattern = (re.compile("|".join(re.escape(s) for s in sorted(self.pairs, key=len, reverse=True)))
                         if self.pairs else None)

    def normalise(self, text: str) -> str:
        """The text with every spun word replaced by the real one."""
        if self._pattern is None:
            return text
        return self._pattern.sub(lambda m: self.pairs[m.group(0)], text)

    def __bool__(self) -> bool:
        return bool(self.pairs)


NONE = Synonyms(builtin=False)


def as_synonyms(value: Synonyms | Mapping[str, str] | None) -> Synonyms:
    """Callers may pass a Synonyms, a plain mapping (workspace pairs on top of the built-in ones) or nothing."""
    if isinstance(value, Synonyms):
        return value
    return Synonyms(value or {})
