"""The RDF → networkx projection and the analyses over it, on a small invented two-article graph."""

from __future__ import annotations

import networkx as nx
import pytest
from rdflib import Graph
from view_graphs import MEETINGS_TRIG, dataset, expand

from kg import analyze
from kg.model import KgError

KGR = "https://w3id.org/kg-vn/id/"
BINH = KGR + "person/le-van-binh-aaaa"
SOLBERG = KGR + "person/henrik-solberg-bbbb"
CONFERENCE = KGR + "event/hoi-nghi-cccc"
BQP = KGR + "organization/bqp-gggg"


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return analyze.to_networkx(dataset(MEETINGS_TRIG))


def labels(graph: nx.MultiDiGraph) -> set[str]:
    return {label for _, label in graph.nodes(data="label")}


def test_entities_become_nodes_keyed_by_iri(graph: nx.MultiDiGraph) -> None:
    assert graph.number_of_nodes() == 13
    assert graph.nodes[BINH]["label"] == "Lê Văn Bình"
    assert graph.nodes[BINH]["type"] == "PERSON"


def test_documents_sentences_and_assertions_are_not_nodes(graph: nx.MultiDiGraph) -> None:
    assert not any("/doc/" in n or "/assertion/" in n for n in graph)


def test_entity_relations_become_edges_keyed_by_predicate(graph: nx.MultiDiGraph) -> None:
    assert graph.has_edge(BINH, SOLBERG, key="met")
    assert graph.has_edge(CONFERENCE, BQP, key="organizedBy")
    assert graph.number_of_edges() == 12


def test_edge_weight_counts_supporting_assertions_across_documents(
    graph: nx.MultiDiGraph,
) -> None:
    met = graph.edges[BINH, SOLBERG, "met"]
    assert met["weight"] == 2
    documents = {line.rsplit(" — ", 1)[1] for line in met["evidence"].splitlines()}
    assert documents == {
        "Đại tá Lê Văn Bình tiếp đặc phái viên Na Uy",
        "Na Uy và Việt Nam ký bản ghi nhớ",
    }


def test_edge_evidence_falls_back_to_the_sentence_text(graph: nx.MultiDiGraph) -> None:
    held_in = graph.edges[CONFERENCE, KGR + "location/da-nang-ffff", "heldIn"]
    assert held_in["evidence"].startswith("Hội nghị Hợp tác an ninh biển lần thứ 3 khai mạc")


def test_literal_relations_become_node_attributes(graph: nx.MultiDiGraph) -> None:
    binh = graph.nodes[BINH]
    assert "Đại tá" in analyze.split(binh["rank"])
    assert binh["position"] == "Phó Cục trưởng Cục Hợp tác quốc tế"
    assert graph.nodes[CONFERENCE]["about"] == "an ninh biển"
    assert "Đại tá" not in labels(graph)


def test_entity_counts_its_source_documents_and_sentences(graph: nx.MultiDiGraph) -> None:
    assert graph.nodes[BINH]["sources"] == 2
    assert graph.nodes[BINH]["mentions"] == 2
    assert len(graph.nodes[BINH]["evidence"].splitlines()) == 2
    assert graph.nodes[BQP]["sources"] == 1


def test_a_rank_that_changed_keeps_each_value_with_its_date(graph: nx.MultiDiGraph) -> None:
    binh = graph.nodes[BINH]
    assert set(analyze.split(binh["rank"])) == {"Đại tá", "Thiếu tướng"}
    assert binh["rank_on"] == "Đại tá (2023-04-12); Thiếu tướng (2023-10-02)"


def test_subclasses_are_kept_as_the_kind(graph: nx.MultiDiGraph) -> None:
    assert graph.nodes[CONFERENCE]["kind"] == "Conference"
    assert graph.nodes[CONFERENCE]["type"] == "EVENT"
    assert not any(str(n).startswith(KGR + "tenure/") for n in graph)


def test_alt_labels_and_iso_dates_are_kept(graph: nx.MultiDiGraph) -> None:
    assert graph.nodes[BQP]["alt_labels"] == "Bộ Quốc phòng"
    assert graph.nodes[KGR + "date/12-4-2023-hhhh"]["iso"] == "2023-04-12"


def test_a_plain_graph_projects_like_a_dataset() -> None:
    plain = Graph()
    body = MEETINGS_TRIG.split("kgr:graph/bai-a-1111 {", 1)[1].split("}", 1)[0]
    plain.parse(data=expand(MEETINGS_TRIG.split("kgr:graph/")[0] + body), format="turtle")
    projected = analyze.to_networkx(plain)
    assert projected.has_edge(BINH, SOLBERG, key="met")
    assert projected.nodes[BINH]["sources"] == 1


def test_cooccurrence_links_entities_named_in_one_sentence() -> None:
    co = analyze.cooccurrence(dataset(MEETINGS_TRIG))
    assert co.edges[BINH, SOLBERG]["weight"] == 2
    assert co.has_edge(CONFERENCE, KGR + "location/da-nang-ffff")


def test_degree_counts_relations_both_ways(graph: nx.MultiDiGraph) -> None:
    assert analyze.degree(graph)[CONFERENCE] == 4


def test_pagerank_sums_to_one_and_ranks_the_hub_first(graph: nx.MultiDiGraph) -> None:
    ranks = analyze.pagerank(graph)
    assert sum(ranks.values()) == pytest.approx(1.0)
    assert max(ranks, key=ranks.__getitem__) == CONFERENCE


def test_betweenness_is_zero_for_a_leaf(graph: nx.MultiDiGraph) -> None:
    between = analyze.betweenness(graph)
    assert between[KGR + "location/na-uy-eeee"] == 0
    assert between[CONFERENCE] > 0


@pytest.mark.parametrize("method", ["louvain", "greedy"])
def test_communities_partition_the_entities(graph: nx.MultiDiGraph, method: str) -> None:
    found = analyze.communities(graph, method=method)
    assert sum(len(c) for c in found) == graph.number_of_nodes()
    assert set().union(*found) == set(graph)
    assert any({BINH, SOLBERG} <= c for c in found)


def test_unknown_community_method_is_a_user_error(graph: nx.MultiDiGraph) -> None:
    with pytest.raises(KgError, match="louvain or greedy"):
        analyze.communities(graph, method="girvan")


def test_names_match_without_case_or_diacritics(graph: nx.MultiDiGraph) -> None:
    assert analyze.find_entity(graph, "le van binh") == BINH
    assert analyze.find_entity(graph, "LÊ VĂN BÌNH") == BINH
    assert analyze.find_entity(graph, "bo quoc phong") == BQP  # the alias


def test_a_unique_part_of_a_name_is_enough(graph: nx.MultiDiGraph) -> None:
    assert analyze.find_entity(graph, "solberg") == SOLBERG


def test_an_ambiguous_part_names_the_candidates(graph: nx.MultiDiGraph) -> None:
    with pytest.raises(KgError, match="several entities"):
        analyze.find_entity(graph, "hợp tác")


def test_an_unknown_name_is_a_user_error(graph: nx.MultiDiGraph) -> None:
    with pytest.raises(KgError, match="no entity named"):
        analyze.find_entity(graph, "Nguyễn Không Có")


def test_shortest_path_ignores_relation_direction(graph: nx.MultiDiGraph) -> None:
    path = analyze.shortest_path(graph, "Henrik Solberg", "Bộ Quốc phòng Việt Nam")
    assert path[0] == SOLBERG and path[-1] == BQP
    assert len(path) == 4
    steps = analyze.path_steps(graph, path)
    assert steps[0] == ("Lê Văn Bình", "met", "Henrik Solberg")


def test_no_path_between_components_is_a_user_error(graph: nx.MultiDiGraph) -> None:
    with pytest.raises(KgError, match="separate components"):
        analyze.shortest_path(graph, "Trần Thị Mai", "Henrik Solberg")


def test_ego_keeps_entities_within_depth(graph: nx.MultiDiGraph) -> None:
    near = analyze.ego(graph, "Lê Văn Bình", depth=1)
    assert labels(near) == {
        "Lê Văn Bình",
        "Henrik Solberg",
        "Cục Hợp tác quốc tế",
        "Hội nghị Hợp tác an ninh biển lần thứ 3",
    }
    assert near.has_edge(BINH, SOLBERG, key="met")


def test_filter_types_keeps_only_those_types(graph: nx.MultiDiGraph) -> None:
    people = analyze.filter_types(graph, ["person", "EVENT"])
    assert {t for _, t in people.nodes(data="type")} == {"PERSON", "EVENT"}
    assert people.has_edge(BINH, CONFERENCE, key="participatedIn")


def test_unknown_type_is_a_user_error(graph: nx.MultiDiGraph) -> None:
    with pytest.raises(KgError, match="PERSN"):
        analyze.filter_types(graph, ["PERSN"])


def test_iso_intervals_cover_days_months_years_and_ranges() -> None:
    from datetime import date

    assert analyze.iso_interval("2023-04-12") == (date(2023, 4, 12), date(2023, 4, 12))
    assert analyze.iso_interval("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert analyze.iso_interval("2021") == (date(2021, 1, 1), date(2021, 12, 31))
    assert analyze.iso_interval("2022-06-06/2022-06-10") == (date(2022, 6, 6), date(2022, 6, 10))
    assert analyze.iso_interval("tháng 9") is None


def test_time_slice_keeps_dated_events_and_what_they_connect(graph: nx.MultiDiGraph) -> None:
    april = analyze.time_slice(graph, "2023-04-12", "2023-04-12")
    assert "Hội nghị Hợp tác an ninh biển lần thứ 3" in labels(april)
    assert {"Lê Văn Bình", "Đà Nẵng", "Bộ Quốc phòng Việt Nam"} <= labels(april)
    assert "Bản ghi nhớ về huấn luyện cứu nạn" not in labels(april)
    assert "Diễn tập cứu hộ Sông Hồng" not in labels(april)


def test_time_slice_by_month_overlaps_a_month_precision_date(graph: nx.MultiDiGraph) -> None:
    autumn = analyze.time_slice(graph, "2021-09-15", None)
    assert "Diễn tập cứu hộ Sông Hồng" in labels(autumn)
    assert "Trần Thị Mai" in labels(autumn)
    assert "Hội nghị Hợp tác an ninh biển lần thứ 3" in labels(autumn)


def test_unreadable_slice_date_is_a_user_error(graph: nx.MultiDiGraph) -> None:
    with pytest.raises(KgError, match="YYYY-MM"):
        analyze.time_slice(graph, "12/4/2023", None)


def test_stats_counts_types_predicates_and_ranks(graph: nx.MultiDiGraph) -> None:
    summary = analyze.stats(graph, top=3)
    assert summary["nodes"] == 13 and summary["edges"] == 12
    assert summary["types"]["PERSON"] == 3
    assert summary["predicates"]["heldOn"] == 2
    assert summary["top_pagerank"][0]["label"] == "Hội nghị Hợp tác an ninh biển lần thứ 3"
    assert len(summary["top_degree"]) == 3
    assert sum(c["size"] for c in summary["communities"]) <= 13


def test_empty_graph_has_empty_stats() -> None:
    summary = analyze.stats(nx.MultiDiGraph())
    assert summary["nodes"] == 0 and summary["communities"] == []
