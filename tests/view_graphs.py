"""Small named RDF graphs in the layout of docs/RDF_MODEL.md, shared by the analyze/render tests.

The people, meetings and sentences are invented for the tests.
"""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Dataset

from kg.store import LocalStore, merged_ntriples

_MINTED = re.compile(r"kgr:([A-Za-z0-9/_-]+)")

PREFIXES = """
@prefix kg: <https://w3id.org/kg-vn/ontology#> .
@prefix kgr: <https://w3id.org/kg-vn/id/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

# Two articles. Colonel Lê Văn Bình meets envoy Henrik Solberg in both (so `met` has weight 2),
# and is a major general by the second (dated rank tenures); a conference in Đà Nẵng on 12 April
# 2023, a memorandum signed the next day, a 2021 exercise.
MEETINGS_TRIG = (
    PREFIXES
    + """
kgr:graph/bai-a-1111 {
  kgr:doc/bai-a-1111 a kg:Document ;
      schema:headline "Đại tá Lê Văn Bình tiếp đặc phái viên Na Uy"@vi ;
      kg:sourcePath "data/raw/bai-a.txt" ; schema:datePublished "2023-04-12"^^xsd:date .
  kgr:doc/bai-a-1111/s/0-90 a kg:Sentence ; kg:inDocument kgr:doc/bai-a-1111 ;
      kg:text
        "Đại tá Lê Văn Bình đã tiếp ông Henrik Solberg, Đặc phái viên Na Uy, tại Đà Nẵng."@vi ;
      kg:startOffset 0 ; kg:endOffset 90 .
  kgr:doc/bai-a-1111/s/91-200 a kg:Sentence ; kg:inDocument kgr:doc/bai-a-1111 ;
      kg:text "Hội nghị Hợp tác an ninh biển lần thứ 3 khai mạc ngày 12-4-2023 tại Đà Nẵng."@vi ;
      kg:startOffset 91 ; kg:endOffset 200 .

  kgr:person/le-van-binh-aaaa a kg:Person ; kg:entityType "PERSON" ; rdfs:label "Lê Văn Bình"@vi ;
      kg:rank "Đại tá"@vi ; kg:mentionedIn kgr:doc/bai-a-1111/s/0-90 ;
      kg:hasRank "Đại tá"@vi ;
      kg:holdsPosition "Phó Cục trưởng Cục Hợp tác quốc tế"@vi ;
      kg:met kgr:person/henrik-solberg-bbbb ;
      kg:participatedIn kgr:event/hoi-nghi-cccc ;
      kg:memberOf kgr:organization/cuc-htqt-dddd .
  kgr:person/henrik-solberg-bbbb a kg:Person ; kg:entityType "PERSON" ;
      rdfs:label "Henrik Solberg"@vi ; kg:country "Na Uy"@vi ; kg:position "Đặc phái viên"@vi ;
      kg:mentionedIn kgr:doc/bai-a-1111/s/0-90 ;
      kg:nationality kgr:location/na-uy-eeee .
  kgr:location/na-uy-eeee a kg:Location ; kg:entityType "LOCATION" ; rdfs:label "Na Uy"@vi .
  kgr:location/da-nang-ffff a kg:Location ; kg:entityType "LOCATION" ; rdfs:label "Đà Nẵng"@vi ;
      kg:mentionedIn kgr:doc/bai-a-1111/s/0-90 , kgr:doc/bai-a-1111/s/91-200 .
  kgr:organization/cuc-htqt-dddd a kg:Organization ; kg:entityType "ORGANIZATION" ;
      rdfs:label "Cục Hợp tác quốc tế"@vi ; kg:partOf kgr:organization/bqp-gggg .
  kgr:organization/bqp-gggg a kg:Organization ; kg:entityType "ORGANIZATION" ;
      rdfs:label "Bộ Quốc phòng Việt Nam"@vi ; skos:altLabel "Bộ Quốc phòng"@vi .
  kgr:event/hoi-nghi-cccc a kg:Event , kg:Conference ; kg:entityType "EVENT" ;
      rdfs:label "Hội nghị Hợp tác an ninh biển lần thứ 3"@vi ;
      kg:mentionedIn kgr:doc/bai-a-1111/s/91-200 ;
      kg:heldIn kgr:location/da-nang-ffff ; kg:heldOn kgr:date/12-4-2023-hhhh ;
      kg:organizedBy kgr:organization/bqp-gggg ; kg:about "an ninh biển"@vi .
  kgr:date/12-4-2023-hhhh a kg:Date ; kg:entityType "DATE" ; rdfs:label "12-4-2023"@vi ;
      kg:isoDate "2023-04-12"^^xsd:date .

  kgr:assertion/a1 a kg:Assertion ; rdf:subject kgr:person/le-van-binh-aaaa ;
      rdf:predicate kg:met ; rdf:object kgr:person/henrik-solberg-bbbb ;
      prov:wasDerivedFrom kgr:doc/bai-a-1111/s/0-90 .
  kgr:tenure/a-rank a kg:RankTenure ; kg:holder kgr:person/le-van-binh-aaaa ;
      kg:rank "Đại tá"@vi ; kg:statedOn "2023-04-12"^^xsd:date .
  kgr:assertion/a2 a kg:Assertion ; rdf:subject kgr:event/hoi-nghi-cccc ;
      rdf:predicate kg:heldIn ; rdf:object kgr:location/da-nang-ffff ;
      prov:wasDerivedFrom kgr:doc/bai-a-1111/s/91-200 .
}

kgr:graph/bai-b-2222 {
  kgr:doc/bai-b-2222 a kg:Document ; schema:headline "Na Uy và Việt Nam ký bản ghi nhớ"@vi ;
      kg:sourcePath "data/raw/bai-b.txt" .
  kgr:doc/bai-b-2222/s/0-120 a kg:Sentence ; kg:inDocument kgr:doc/bai-b-2222 ;
      kg:text
        "Ngày 2-10-2023, Thiếu tướng Lê Văn Bình và ông Henrik Solberg hội đàm tại Hà Nội."@vi ;
      kg:startOffset 0 ; kg:endOffset 120 .
  kgr:person/le-van-binh-aaaa a kg:Person ; kg:entityType "PERSON" ; rdfs:label "Lê Văn Bình"@vi ;
      kg:mentionedIn kgr:doc/bai-b-2222/s/0-120 ; kg:met kgr:person/henrik-solberg-bbbb .
  kgr:person/henrik-solberg-bbbb a kg:Person ; kg:entityType "PERSON" ;
      rdfs:label "Henrik Solberg"@vi ; kg:mentionedIn kgr:doc/bai-b-2222/s/0-120 .
  kgr:agreement/ban-ghi-nho-iiii a kg:Agreement ; kg:entityType "AGREEMENT" ;
      rdfs:label "Bản ghi nhớ về huấn luyện cứu nạn"@vi ;
      kg:mentionedIn kgr:doc/bai-b-2222/s/0-120 ;
      kg:signedBy kgr:organization/bqp-gggg ; kg:signedOn kgr:date/13-4-2023-jjjj .
  kgr:date/13-4-2023-jjjj a kg:Date ; kg:entityType "DATE" ; rdfs:label "13-4-2023"@vi ;
      kg:isoDate "2023-04-13"^^xsd:date .
  kgr:event/dien-tap-kkkk a kg:Event ; kg:entityType "EVENT" ;
      rdfs:label "Diễn tập cứu hộ Sông Hồng"@vi ; kg:heldOn kgr:date/thang-9-2021-llll .
  kgr:date/thang-9-2021-llll a kg:Date ; kg:entityType "DATE" ; rdfs:label "tháng 9-2021"@vi ;
      kg:isoDate "2021-09"^^xsd:gYearMonth .
  kgr:person/tran-thi-mai-mmmm a kg:Person ; kg:entityType "PERSON" ;
      rdfs:label "Trần Thị Mai"@vi ; kg:participatedIn kgr:event/dien-tap-kkkk .

  kgr:assertion/b1 a kg:Assertion ; rdf:subject kgr:person/le-van-binh-aaaa ;
      rdf:predicate kg:met ; rdf:object kgr:person/henrik-solberg-bbbb ;
      prov:wasDerivedFrom kgr:doc/bai-b-2222/s/0-120 .
  kgr:tenure/b-rank a kg:RankTenure ; kg:holder kgr:person/le-van-binh-aaaa ;
      kg:rank "Thiếu tướng"@vi ; kg:statedOn "2023-10-02"^^xsd:date .
}
"""
)

PAYLOADS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)")
XSS_NAME = "Đại tá <script>window.__xss=1;alert(1)</script> Bình"
XSS_EVIDENCE = (
    'Ông <img src=x onerror=\\"window.__xss=1;alert(1)\\"> gặp '
    '<a href=\\"javascript:window.__xss=1\\">javascript:alert(1)</a> '
    "</script><script>window.__xss=1</script>"
)

# One entity whose name and evidence carry script, image-handler and javascript: payloads.
XSS_TRIG = (
    PREFIXES
    + f"""
kgr:graph/xss-3333 {{
  kgr:doc/xss-3333 a kg:Document ; schema:headline "<script>window.__xss=1</script>"@vi .
  kgr:doc/xss-3333/s/0-50 a kg:Sentence ; kg:inDocument kgr:doc/xss-3333 ;
      kg:text "{XSS_EVIDENCE}"@vi ; kg:startOffset 0 ; kg:endOffset 50 .
  kgr:person/xss-nnnn a kg:Person ; kg:entityType "PERSON" ; rdfs:label "{XSS_NAME}"@vi ;
      kg:position "<img src=x onerror=alert(1)>"@vi ;
      kg:mentionedIn kgr:doc/xss-3333/s/0-50 ; kg:met kgr:person/nguyen-oooo .
  kgr:person/nguyen-oooo a kg:Person ; kg:entityType "PERSON" ;
      rdfs:label "javascript:alert(1)"@vi .
  kgr:assertion/x1 a kg:Assertion ; rdf:subject kgr:person/xss-nnnn ;
      rdf:predicate kg:met ; rdf:object kgr:person/nguyen-oooo ;
      prov:wasDerivedFrom kgr:doc/xss-3333/s/0-50 .
}}
"""
)


def expand(trig: str) -> str:
    """`kgr:doc/a/s/0-9` → a full IRI (Turtle prefixed names cannot hold `/`)."""
    return _MINTED.sub(r"<https://w3id.org/kg-vn/id/\1>", trig)


def dataset(trig: str) -> Dataset:
    data = Dataset()
    data.parse(data=expand(trig), format="trig")
    return data


def write_store(trig: str, out: Path) -> Path:
    """`out/store`: the graph of `trig` as a build leaves it (named graphs and their merge)."""
    nquads = dataset(trig).serialize(format="nquads")
    store = LocalStore(out / "store")
    store.load_nquads(nquads, merged_ntriples(nquads))
    store.close()
    return out
