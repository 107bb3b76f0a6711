"""The golden files of the sample articles, and the one command that writes them again.

`make golden` (or `python tests/golden/regenerate.py`) rewrites them from the current code; the
golden test (`test_golden.py`) compares what the code makes now with what is committed, so any
change to what kg makes of the samples shows in the diff of a commit, and is made on purpose.

- `extractions.jsonl`: `kg extract data/raw --format json`, one line per article;
- `samples.nq`: the canonical N-Quads of `kg build data/raw` (every named graph, the ontology
  and the derived graph included, sorted), built at a fixed time (SOURCE_DATE_EPOCH). The
  content hash of each document is written as `"…"`: it holds the extractor fingerprint, which
  changes with every edit to the extractor's code, and is tested on its own
  (tests/unit/test_fingerprint.py).
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SAMPLES = "data/raw"  # relative to ROOT: the source paths the graph records
BUILT_AT = "1700000000"  # SOURCE_DATE_EPOCH of the golden build
GOLDEN = ("extractions.jsonl", "samples.nq")
_CONTENT_HASH = re.compile(r'(<https://w3id\.org/kg-vn/ontology#contentHash> )"[0-9a-f]{64}"')


@contextmanager
def _at_root() -> Iterator[None]:
    """In the checkout's root, with the build time fixed, as the golden files were made."""
    before, epoch = Path.cwd(), os.environ.get("SOURCE_DATE_EPOCH")
    os.chdir(ROOT)
    os.environ["SOURCE_DATE_EPOCH"] = BUILT_AT
    try:
        yield
    finally:
        os.chdir(before)
        if epoch is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = epoch


def extractions() -> str:
    """The extraction records of the samples, as `kg extract --format json` prints them."""
    import kg

    with _at_root():
        records = [item.to_json() for item in kg.extract([SAMPLES])]
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


def canonical_nquads(out: Path) -> str:
    """Every quad of a built store, sorted, with the content hashes written as `"…"`."""
    from kg.store import open_store

    store = open_store(out, read_only=True)
    try:
        lines = sorted(f"{quad} .\n" for quad in store.quads())
    finally:
        store.close()
    return "".join(_CONTENT_HASH.sub(r'\1"…"', line) for line in lines)


def samples_nquads() -> str:
    """The canonical N-Quads of the samples, built into a temporary folder."""
    import kg

    with tempfile.TemporaryDirectory(prefix="kg-golden-") as tmp, _at_root():
        kg.build([SAMPLES], Path(tmp) / "out", view=False, export=False)
        return canonical_nquads(Path(tmp) / "out")


def current() -> dict[str, str]:
    """What the code makes of the samples now, by golden file name."""
    return {"extractions.jsonl": extractions(), "samples.nq": samples_nquads()}


def main() -> None:
    for name, text in current().items():
        (HERE / name).write_text(text, encoding="utf-8")
        print(HERE / name, file=sys.stderr)


if __name__ == "__main__":
    main()
