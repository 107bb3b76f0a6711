"""Vietnamese text written in Windows-1258, as old editors saved it (for the ingest tests)."""

from __future__ import annotations

import unicodedata


def windows_1258(text: str) -> bytes:
    """Vietnamese in Windows-1258 as old editors saved it: base letters from the code page, tones
    as combining marks where the code page has no precomposed letter."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            out.append((base + tones).encode("cp1258"))
    return b"".join(out)
