"""Write ontology/lexicon/provinces.tsv from the province list underthesea ships (Apache-2.0)."""

import json
from pathlib import Path

import underthesea

SOURCE = Path(underthesea.__file__).parent / "address" / "data" / "mapping.json"
TARGET = Path(__file__).resolve().parent.parent / "ontology" / "lexicon" / "provinces.tsv"


def main() -> None:
    data = json.loads(SOURCE.read_text(encoding="utf-8"))
    rows: dict[str, str] = {}
    for key in ("old_province_names", "province_names"):
        for info in data[key].values():
            rows[info["short"]] = info["name"]
    lines = [
        "# Vietnam's provinces and centrally run cities, before and after the 2025 merger, from the",
        "# province list underthesea ships (scripts/make_provinces.py writes this file).",
        "# name: short name as used in news.  official: full official name.",
        "name\tofficial",
        *(f"{short}\t{rows[short]}" for short in sorted(rows)),
    ]
    TARGET.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
