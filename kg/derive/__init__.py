"""Derived statements: what the graph `kgr:graph/derived` adds to the document graphs.

Two kinds, both computed from the document graphs in the store and both made to speed queries up:
the end of each dated rank or post (`kg.derive.tenures`), and each listing's order cut into pages
(`kg.derive.pages`). A build redoes them for what it changed (`kg.derive.affected`), or in full.
"""

from __future__ import annotations

from ..iri import DERIVED_GRAPH
from ..store import GraphStore, delete_data
from .affected import Affected, listed_in, tenures_in
from .pages import derived_pages, page_changes
from .tenures import all_superseded, rederive_people, superseded

__all__ = ["Affected", "derive", "listed_in", "superseded", "tenures_in"]


def derive(store: GraphStore, affected: Affected | None = None) -> None:
    """Rewrite `kgr:graph/derived`: in full, or, given what a change `affected`, only the
    statements it can have changed. A tenure is superseded only by later tenures of the same
    person, so only the tenures of the people named are derived again; the pages the listed items
    leave or join are laid out again, and the others renumbered."""
    if affected is None or affected.everyone:
        pages = "".join(derived_pages(store, DERIVED_GRAPH))
        tenures = all_superseded(store)
        store.drop_graphs([DERIVED_GRAPH])
        store.load_nquads(tenures + pages)
        return
    rederive_people(store, sorted(affected.people), sorted(affected.stale))
    changes = page_changes(store, DERIVED_GRAPH, affected.listed)
    for update in delete_data(changes.removed):
        store.update(update)
    store.load_nquads("".join(changes.added))
