"""Complete ontology/lexicon/countries.tsv with CLDR's Vietnamese and English country names (Babel).

The hand-written rows keep their canonical name (the node key of every built graph) and their
Vietnamese transliterations (`Ô-xtrây-li-a`); this adds each row's ISO code and the CLDR names
(`Úc`, `Australia`) as aliases, and a row for every other country CLDR names. Running it again on
its own output changes nothing (tests/test_lexicon.py checks that the file is up to date).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from babel import Locale

TARGET = Path(__file__).resolve().parent.parent / "ontology" / "lexicon" / "countries.tsv"
HEADER = [
    "# Countries: the Vietnamese name, other spellings (Vietnamese transliterations, CLDR's Vietnamese and",
    "# English names), ISO 3166 code and Wikidata id. Hand-written rows come first; scripts/make_countries.py",
    "# adds CLDR's names (through Babel) to them and a row for every other country.",
    "# name: canonical Vietnamese name.  aliases: other spellings separated by |.  iso: ISO 3166-1 alpha-2.",
    "# wikidata: Q-id.",
]
# CLDR territories that are not countries a news article names as such.
NOT_COUNTRIES = {"AC", "CP", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "XK", "ZZ"}


def cldr_names() -> dict[str, list[str]]:
    vi, en = Locale("vi").territories, Locale("en").territories
    out: dict[str, list[str]] = {}
    for code, name in vi.items():
        if re.fullmatch("[A-Z]{2}", code) and code not in NOT_COUNTRIES:
            out[code] = _variants(name) + _variants(en.get(code, ""))
    return out


def _variants(name: str) -> list[str]:
    """`Myanmar (Miến Điện)` → `Myanmar`, `Miến Điện`; `Congo - Kinshasa` stays whole."""
    m = re.fullmatch(r"(.+?) \((.+)\)", name)
    return [m[1], m[2]] if m else [name] if name else []


def rows(lines: list[str]) -> list[dict[str, str]]:
    body = [ln for ln in lines if ln.strip() and not ln.startswith("#")]
    header = body[0].split("\t")
    return [dict(zip(header, ln.split("\t") + [""] * len(header), strict=False)) for ln in body[1:]]


def merge(existing: list[dict[str, str]], cldr: dict[str, list[str]]) -> list[dict[str, str]]:
    by_name = {n.casefold(): code for code, names in cldr.items() for n in names}
    out, used = [], set()
    for row in existing:
        names = [row["name"], *filter(None, row.get("aliases", "").split("|"))]
        code = row.get("iso") or next(
            (by_name[n.casefold()] for n in names if n.casefold() in by_name), ""
        )
        spellings = {n.casefold(): n for n in [*names, *cldr.get(code, [])]}
        aliases = [n for key, n in spellings.items() if key != row["name"].casefold()]
        out.append({**row, "aliases": "|".join(aliases), "iso": code})
        used.add(code)
    for code in sorted(set(cldr) - used):
        name, *aliases = dict.fromkeys(cldr[code])
        out.append(
            {
                "name": name,
                "aliases": "|".join(a for a in aliases if a != name),
                "iso": code,
                "wikidata": "",
            }
        )
    return out


def render(merged: list[dict[str, str]]) -> str:
    lines = [*HEADER, "name\taliases\tiso\twikidata"]
    lines += [f"{r['name']}\t{r['aliases']}\t{r['iso']}\t{r.get('wikidata', '')}" for r in merged]
    return "\n".join(lines) + "\n"


def main() -> None:
    text = render(merge(rows(TARGET.read_text(encoding="utf-8").splitlines()), cldr_names()))
    if "--check" in sys.argv:
        sys.exit(0 if text == TARGET.read_text(encoding="utf-8") else 1)
    TARGET.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
