"""What a change to some document graphs affects: whose tenures, and which listings' items.

A build notes these as it drops and loads document graphs, so that the derived statements are
redone for them only (`kg.derive.derive`), not for the whole graph.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from ..store import GraphStore, value
from .pages import LISTINGS


@dataclass
class Affected:
    """Whose derived statements must be redone: the people whose tenures were added or dropped,
    the dropped tenures themselves, and the items of each listing stated something about;
    everyone after a large change."""

    people: set[str] = field(default_factory=set)
    stale: set[str] = field(default_factory=set)
    everyone: bool = False
    listed: dict[str, set[str]] = field(default_factory=dict)  # listing → items stated

    def note_listed(self, listed: dict[str, set[str]]) -> None:
        for name, items in listed.items():
            self.listed.setdefault(name, set()).update(items)

    def note_people(self, people: set[str] | list[str]) -> None:
        if not self.everyone:
            self.people.update(people)


_HOLDERS = "SELECT ?tenure ?person WHERE { GRAPH %s { ?tenure kg:holder ?person } }"

# The items of every listing that one document graph states something about.
_LISTED = (
    "SELECT ?item ?kind WHERE { GRAPH %s { "
    + " UNION ".join(
        f'{{ {listing.member} BIND("{listing.name}" AS ?kind) }}' for listing in LISTINGS
    )
    + " } }"
)


def listed_in(store: GraphStore, graphs: list[str]) -> dict[str, set[str]]:
    """listing name → the items of that listing these document graphs state something about."""
    listed: dict[str, set[str]] = {}
    for graph in graphs:
        for item, kind in store.select(_LISTED % ox.NamedNode(graph)).rows:
            listed.setdefault(value(kind), set()).add(value(item))
    return listed


def tenures_in(store: GraphStore, graphs: list[str]) -> tuple[set[str], set[str]]:
    """(people, tenures): the ranks and posts these document graphs state, and whose."""
    people: set[str] = set()
    tenures: set[str] = set()
    for graph in graphs:
        for tenure, person in store.select(_HOLDERS % ox.NamedNode(graph)).rows:
            tenures.add(value(tenure))
            people.add(value(person))
    return people, tenures
