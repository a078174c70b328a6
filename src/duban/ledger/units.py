"""The units tasks are assigned to (责任单位): `[units]` of duban.toml, each with the other names it is written as.

    [units]
    "疾控中心" = ["疾控", "区疾控中心"]
    "中医科" = []

An alias is mapped to its unit wherever an owner comes in (import, `--owner`, `--co-owner`, a ledger sheet read
back). The keywords of `[owners]` ("疾控" = "疾控中心": import's rule for items that name no unit) are aliases of their
units too; their units are known ones, unless `[units]` leaves them out. An owner that is not a known unit is
refused, naming the nearest known ones, unless the person says it is new (`--new-owner`): a typo (疾控中) must not
start a second unit beside 疾控中心. Without `[units]`, the units already in the ledger are the known ones.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from duban.errors import UsageError


@dataclass
class Units:
    names: dict[str, list[str]] = field(default_factory=dict)  # unit → its aliases, in duban.toml's order
    known: set[str] = field(default_factory=set)  # the units and their aliases (what completion offers)
    checked: bool = True  # False in a workspace that knows no unit yet: any owner is the first of its kind
    keywords: dict[str, str] = field(default_factory=dict)  # [owners]: keyword → unit, aliases not shown as such

    @classmethod
    def of(cls, table: dict[str, list[str]], organisation: str = "", ledger_owners=(),
           owner_rules: dict[str, str] | None = None) -> Units:
        """The workspace's units: `[units]`, else the owners already in the ledger; the organisation and the units
        of the `[owners]` rules always."""
        names = {unit: list(aliases) for unit, aliases in table.items()}
        if not names:
            names = {owner: [] for owner in sorted(set(ledger_owners)) if owner}
        checked = bool(names)  # rules alone do not make a new workspace refuse its first units
        if organisation:
            names.setdefault(organisation, [])
        aliases = {alias for unit_aliases in names.values() for alias in unit_aliases}
        # a keyword that is already a unit's name or alias keeps that meaning; [units], where it is written, is the
        # list of units, and a rule's unit that it leaves out is not one (else the rules name the units there are)
        keywords = {keyword.strip(): unit.strip() for keyword, unit in (owner_rules or {}).items()
                    if keyword.strip() and unit.strip() and keyword.strip() not in names
                    and keyword.strip() not in aliases and (not table or unit.strip() in names)}
        for unit in keywords.values():
            names.setdefault(unit, [])
        units = cls(names, checked=checked, keywords=keywords)
        units.known = set(names) | aliases
        return units

    def canonical(self, name: str) -> str:
        """The unit an alias (or an [owners] keyword) stands for; any other name as it is."""
        name = name.strip()
        for unit, aliases in self.names.items():
            if name in aliases:
                return unit
        return self.keywords.get(name, name)

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
