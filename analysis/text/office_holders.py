"""Office holders with the dates of their terms (`data/office_holders.yaml`), read once and
checked against their schema and for consistent dates.

A term includes both its `start` and its `end` day (on a handover day the outgoing and the
incoming holder both count as in office); `end` is None for a holder still in office on the
file's `as_of` date, and nothing is known about dates after `as_of`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..paths import OFFICE_HOLDERS_FILE, display_path
from ..schemas import check, load_yaml


@dataclass(frozen=True)
class Holder:
    """One term of one person in an office."""

    name: str
    aliases: tuple[str, ...]
    start: dt.date
    end: dt.date | None
    source: str

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def in_office(self, date: dt.date) -> bool:
        return self.start <= date and (self.end is None or date <= self.end)


@dataclass(frozen=True)
class Office:
    """An office, the titles news gives it and its holders in order of start."""

    id: str
    title: str
    aliases: tuple[str, ...]
    country: str
    concurrent_holders: bool
    holders: tuple[Holder, ...]


@dataclass(frozen=True)
class OfficeHolders:
    """The offices of one file, by id, and the date up to which the file is complete."""

    as_of: dt.date
    source: str
    offices: dict[str, Office]

    def holders_at(self, office_id: str, date: dt.date) -> tuple[Holder, ...]:
        """The holders of `office_id` in office on `date` (a KeyError for an unknown office)."""
        return tuple(holder for holder in self.offices[office_id].holders if holder.in_office(date))

    def offices_of(self, name: str, date: dt.date) -> tuple[Office, ...]:
        """The offices that a person called `name` (full name or alias, case-insensitive)
        holds on `date`."""
        key = _key(name)
        return tuple(
            office
            for office in self.offices.values()
            if any(holder.in_office(date) and key in map(_key, holder.names) for holder in office.holders)
        )


@lru_cache(maxsize=4)
def load_office_holders(path: str | Path | None = None) -> OfficeHolders:
    """Read an office-holders YAML file (the packaged one by default). A file that does not fit
    the schema, an impossible date, a term ending before it starts or after `as_of`, two terms
    overlapping in an office held by one person at a time, or an office id given twice is a
    one-line ValueError naming the file and the entry."""
    path = Path(path) if path else OFFICE_HOLDERS_FILE
    where = display_path(path)
    spec = _dates_as_text(load_yaml(path.read_text(encoding="utf-8")))
    check(spec, "office_holders", where)
    as_of = _date(spec["as_of"], f"{where}: as_of")
    offices = {}
    for i, entry in enumerate(spec["offices"]):
        at = f"{where}: offices[{i}] ({entry['id']})"
        if entry["id"] in offices:
            raise ValueError(f"{at}: the id {entry['id']!r} is given to two offices")
        holders = tuple(sorted((_holder(h, f"{at}.holders[{j}]") for j, h in enumerate(entry["holders"])), key=_start))
        late = [holder for holder in holders if (holder.end or holder.start) > as_of]
        if late:
            raise ValueError(f"{at}: the term of {late[0].name} (from {late[0].start}) goes past as_of ({as_of})")
        if not entry.get("concurrent_holders", False):
            _check_no_overlap(holders, at)
        offices[entry["id"]] = Office(
            entry["id"],
            entry["title"],
            tuple(entry.get("aliases", ())),
            entry["country"],
            entry.get("concurrent_holders", False),
            holders,
        )
    return OfficeHolders(as_of, spec["source"], offices)


def _holder(entry: dict, at: str) -> Holder:
    at = f"{at} ({entry['name']})"
    start = _date(entry["start"], f"{at}.start")
    end = None if entry["end"] is None else _date(entry["end"], f"{at}.end")
    if end is not None and end < start:
        raise ValueError(f"{at}: ends ({end}) before it starts ({start})")
    return Holder(entry["name"], tuple(entry.get("aliases", ())), start, end, entry["source"])


def _check_no_overlap(holders: tuple[Holder, ...], at: str) -> None:
    """Consecutive terms may share their handover day, no more."""
    for before, after in zip(holders, holders[1:]):
        if before.end is None or after.start < before.end:
            raise ValueError(
                f"{at}: the terms of {before.name} (from {before.start}) and {after.name} "
                f"(from {after.start}) overlap in an office held by one person at a time"
            )


def _start(holder: Holder) -> dt.date:
    return holder.start


def _date(text: str, at: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{at}: {text!r} is not a date (expected an ISO date, YYYY-MM-DD)") from None


def _dates_as_text(data):
    """YAML reads an unquoted 2025-03-14 as a date; the schema and the checks read ISO text."""
    if isinstance(data, dict):
        return {key: _dates_as_text(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_dates_as_text(value) for value in data]
    if isinstance(data, dt.date):
        return data.isoformat()
    return data


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()
