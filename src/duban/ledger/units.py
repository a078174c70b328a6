"""The units tasks are assigned to (责任单位): `[units]` of duban.toml, each with the other names it is written as.

    [units]
    "疾控中心" = ["疾控", "区疾控中心"]
    "中医科" = []

An alias is mapped to its unit wherever an owner comes in (import, `--owner`, `--co-owner`). An owner that is not a
known unit is refused, naming the nearest known ones, unless the person says it is new (`--new-owner`): a typo
(疾控中) must not start a second unit beside 疾控中心. Without `[units]`, the units already in the ledger are the
known ones.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from duban.errors import UsageError


@dataclass
class Units:
    names: dict[str, list[str]] = field(default_factory=dict)  # unit → its aliases, in duban.toml's order
    known: set[str] = field(default_factory=set)  # every name an owner may be given as, aliases included
    checked: bool = True  # False in a workspace that knows no unit yet: any owner is the first of its kind

    @classmethod
    def of(cls, table: dict[str, list[str]], organisation: str = "", ledger_owners=()) -> Units:
        """The workspace's units: `[units]`, else the owners already in the ledger; the organisation always."""
        names = {unit: list(aliases) for unit, aliases in table.items()}
        if not names:
            names = {owner: [] for owner in sorted(set(ledger_owners)) if owner}
        checked = bool(names)
        if organisation:
            names.setdefault(organisation, [])
        units = cls(names, checked=checked)
        units.known = set(names) | {alias for aliases in names.values() for alias in aliases}
        return units

    def canonical(self, name: str) -> str:
        """The unit an alias stands for; any other name as it is."""
        name = name.strip()
        for unit, aliases in self.names.items():
            if name in aliases:
                return unit
        return name

    def resolve(self, name: str, new: bool = False) -> str:
        """An owner typed by a person: its unit, or UsageError naming the nearest units unless `new`."""
        unit = self.canonical(name)
        if not unit or new or unit in self.names or not self.checked:
            return unit
        nearest = self.nearest(unit)
        if nearest:
            raise UsageError("unknown_owner_near", owner=name, nearest="、".join(nearest))
        raise UsageError("unknown_owner", owner=name, known="、".join(self.names))

    def nearest(self, name: str, n: int = 3) -> list[str]:
        """The known units closest to a name: those that hold it or that it holds first, then by similarity."""
        holding = [unit for unit in self.names if name in unit or unit in name]
        close = difflib.get_close_matches(name, list(self.known), n=n, cutoff=0.5)
        found = []
        for candidate in holding + [self.canonical(c) for c in close]:
            if candidate not in found:
                found.append(candidate)
        return found[:n]
