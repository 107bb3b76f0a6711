"""Kinds of bad input a scraper-fed builder meets, each written by the test into a folder.

A case writes its input into `src/` and names what a build must do with it:
- `skipped`: one line `skipped <name>: <reason>` per unreadable input (a JSON Lines file: per line);
- `note`: built, with one line `note <name>: <what was done>` (decoded from a legacy encoding, ...);
- `built`: a valid article however odd; built without a word.
The reasons are the ones documented in README.md ("Bad input").
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from cp1258 import windows_1258

GOOD_A = (
    "Sáng 12-4-2024, tại Hà Nội, Thượng tướng Đinh Quang Lợi, Thứ trưởng Bộ Quốc phòng, đã tiếp "
    "Đại sứ Nhật Bản Sato Haruki. Hai bên trao đổi về hợp tác gìn giữ hòa bình."
)
GOOD_B = (
    "Ngày 20-5-2024, Bộ Quốc phòng tổ chức Hội nghị hợp tác quân y khu vực lần thứ 2 tại Đà Nẵng. "
    "Trung tướng Vũ Minh Khôi chủ trì hội nghị."
)
# One sentence naming a person, a rank, a post, a country and places: the reference for the
# spellings below (NFD, zero-width characters), which must give the same entities.
REFERENCE = (
    "Ngày 15-9-2023, tại Hà Nội, Thượng tướng Lê Văn Hòa, Thứ trưởng Bộ Quốc phòng, đã tiếp "
    "Đại sứ Nhật Bản Tanaka Ken. Hội nghị An ninh khu vực lần thứ 2 do Bộ Quốc phòng tổ chức "
    "tại Đà Nẵng."
)
ZERO_WIDTH = (
    REFERENCE.replace("Lê Văn Hòa", "Lê\u200b Văn\u200c Hò\u200da")
    .replace("Nhật Bản", "Nhật\u2060 Bản")
    .replace("Hà Nội", "H\ufeffà Nội")
    .replace("Đà Nẵng", "Đà\u00ad Nẵng\u200e")
)
LARGE = 50 * 1024 * 1024
MEGABYTE_LINE = 1024 * 1024


@dataclass(frozen=True)
class Case:
    kind: str
    outcome: str  # skipped | note | built
    reason: str  # a regular expression the reported reason matches ('' for built)
    write: Callable[[Path], list[str]]  # writes into src/, returns the names it is reported as
    doc_ids: tuple[str, ...] = ()  # documents that must be in the graph afterwards
    needs: str = ""  # a capability of this machine the case needs (see `unavailable`)
    argument: bool = False  # its names are also given on the command line, beside src/


def _text(name: str, text: str, encoding: str = "utf-8") -> Callable[[Path], list[str]]:
    def write(src: Path) -> list[str]:
        (src / name).write_bytes(text.encode(encoding))
        return [name]

    return write


def _bytes(name: str, data: bytes) -> Callable[[Path], list[str]]:
    def write(src: Path) -> list[str]:
        (src / name).write_bytes(data)
        return [name]

    return write


def _large(src: Path) -> list[str]:
    line = (GOOD_B + "\n").encode("utf-8")
    with (src / "large.txt").open("wb") as handle:
        handle.write(line * (LARGE // len(line) + 1))
    return ["large.txt"]


def _megabyte_line(src: Path) -> list[str]:
    words = (
        "các đơn vị tiếp tục tăng cường hợp tác trong lĩnh vực gìn giữ hòa bình và cứu hộ cứu nạn "
        "Đại tá Hồ Minh Tuấn làm việc với Bộ Quốc phòng Lào tại Viêng Chăn "
    )
    line = (words * (MEGABYTE_LINE // len(words) + 1))[:MEGABYTE_LINE]
    (src / "one_line.txt").write_text(line, encoding="utf-8")
    return ["one_line.txt"]


def _many_entities(src: Path) -> list[str]:
    people = ", ".join(
        f"Đại tá {family} Văn {middle}"
        for family in ("Lê", "Trần", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ")
        for middle in ("An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Khánh", "Long", "Minh")
    )
    sentence = f"Ngày 2-6-2024, tại Hà Nội, {people} đã tiếp đoàn đại biểu Quân đội Lào."
    (src / "many_entities.txt").write_text(sentence, encoding="utf-8")
    return ["many_entities.txt"]


def _jsonl_mixed(src: Path) -> list[str]:
    lines = [
        json.dumps({"id": "feed-1", "text": GOOD_A.replace("Sato Haruki", "Ito Ken")}),
        "{this is not json",
        json.dumps({"id": "feed-3", "text": GOOD_B}, ensure_ascii=False),
        '{"id": "feed-4", "text": "Hội nghị',  # cut off mid-record
    ]
    (src / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ["feed.jsonl:2", "feed.jsonl:4"]


def _jsonl_records_without_text(src: Path) -> list[str]:
    lines = [
        json.dumps({"id": "nt-1", "title": "Chỉ có tiêu đề"}, ensure_ascii=False),
        json.dumps({"id": "nt-2", "text": "   "}),
        json.dumps({"id": "nt-3", "text": 42}),
        json.dumps(["Hội nghị", "quốc phòng"], ensure_ascii=False),
        json.dumps({"id": "nt-5", "text": "Lễ ký kết Bản ghi nhớ về hợp tác quân y tại Huế."}),
    ]
    (src / "notext.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [f"notext.jsonl:{n}" for n in (1, 2, 3, 4)]


def _jsonl_nothing(src: Path) -> list[str]:
    (src / "nothing.jsonl").write_text('{"id": 1}\n\n[]\n', encoding="utf-8")
    return ["nothing.jsonl:1", "nothing.jsonl:3", "nothing.jsonl"]


def _jsonl_deep(src: Path) -> list[str]:
    deep = "[" * 100_000 + "]" * 100_000
    good = json.dumps({"id": "deep-2", "text": GOOD_B.replace("Vũ Minh Khôi", "Vũ Minh Kha")})
    (src / "deep.jsonl").write_text(deep + "\n" + good + "\n", encoding="utf-8")
    return ["deep.jsonl:1"]


def _jsonl_surrogate(src: Path) -> list[str]:
    record = '{"id": "sur-1", "text": "Đại tá Ngô Văn Phú \\ud800 tiếp đoàn công tác tại Huế."}'
    (src / "surrogate.jsonl").write_text(record + "\n", encoding="utf-8")
    return ["surrogate.jsonl:1"]


def _folder_loop(src: Path) -> list[str]:
    (src / "loop").mkdir()
    (src / "loop" / "inside.txt").write_text(GOOD_A.replace("Sato Haruki", "Mori Jun"), "utf-8")
    (src / "loop" / "again").symlink_to("..", target_is_directory=True)
    return ["loop/again"]


def _broken_link(src: Path) -> list[str]:
    (src / "gone.txt").symlink_to(src / "never-written.txt")
    return ["gone.txt"]


def _file_link_loop(src: Path) -> list[str]:
    (src / "ping.txt").symlink_to("pong.txt")
    (src / "pong.txt").symlink_to("ping.txt")
    return ["ping.txt", "pong.txt"]


def _unreadable(src: Path) -> list[str]:
    path = src / "locked.txt"
    path.write_text(GOOD_A, encoding="utf-8")
    path.chmod(0)
    return ["locked.txt"]


def _fifo(src: Path) -> list[str]:
    os.mkfifo(src / "pipe.txt")
    return ["pipe.txt"]


def _socket(src: Path) -> list[str]:
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(src / "socket.txt"))
    return ["socket.txt"]


def _bad_sidecar(src: Path) -> list[str]:
    (src / "sidecar.txt").write_text(GOOD_A, encoding="utf-8")
    (src / "sidecar.meta.json").write_text('{"title": "Tin", ', encoding="utf-8")
    return ["sidecar.meta.json"]


def _same_id(src: Path) -> list[str]:
    (src / "tin 1.txt").write_text(GOOD_A.replace("Sato Haruki", "Abe Ryo"), encoding="utf-8")
    (src / "tin_1.txt").write_text(GOOD_A.replace("Sato Haruki", "Abe Sho"), encoding="utf-8")
    return ["tin_1.txt"]


def _newline_name(src: Path) -> list[str]:
    (src / "hai\ndòng.txt").write_text("", encoding="utf-8")
    return ["hai\\ndòng.txt"]


def _undecodable_name(src: Path) -> list[str]:
    name = os.fsencode(src) + b"/b\xe0i-vi\xea\xf2t.txt"
    with open(name, "wb") as handle:
        handle.write(GOOD_B.replace("Vũ Minh Khôi", "Vũ Minh Tâm").encode("utf-8"))
    return ["b\\xe0i-vi\\xea\\xf2t.txt"]


def _empty_folder(src: Path) -> list[str]:
    (src / "trống").mkdir()
    (src / "trống" / "ảnh.jpg").write_bytes(b"\xff\xd8\xff")
    return ["trống"]


SCRIPT_TAGS = "<script>alert('x')</script><img src=x onerror=alert(1)>"

CASES: tuple[Case, ...] = (
    Case("empty", "skipped", r"^empty file$", _text("empty.txt", "")),
    Case("whitespace_only", "skipped", r"^empty file$", _text("blank.txt", " \t\n\u00a0\u3000\n")),
    Case(
        "binary",
        "skipped",
        r"^binary file",
        _bytes("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\rIHDR"),
    ),
    Case(
        "nul_bytes",
        "skipped",
        r"^binary file \(contains NUL bytes",
        _bytes("nul.txt", GOOD_A.encode() + b"\x00\x00\x00" + GOOD_B.encode()),
    ),
    Case(
        "control_characters",
        "skipped",
        r"^binary file \(control characters\)$",
        _bytes("controls.txt", bytes(range(1, 32)) * 4),
    ),
    Case(
        "invalid_utf8",
        "skipped",
        r"^not valid UTF-8 \(byte \d+\), nor Vietnamese in Windows-1258",
        _bytes("latin1.txt", "Les négociations à Genève ont été reportées.".encode("latin-1")),
    ),
    Case(
        "utf16_without_bom",
        "skipped",
        r"^binary file \(contains NUL bytes; UTF-16 needs a byte-order mark\)$",
        _text("utf16le.txt", GOOD_A, "utf-16-le"),
    ),
    Case("over_20_mb", "skipped", r"^too large \(52,", _large),
    Case(
        "html_scripts_and_styles_only",
        "skipped",
        r"^no article text found in the HTML page$",
        _text(
            "scripts.html",
            "<html><head><style>p{color:red}</style><script>var tin = 'Hội nghị quốc phòng';"
            "</script></head><body><script>document.write('Tin mới')</script></body></html>",
        ),
    ),
    Case(
        "no_letters",
        "skipped",
        r"^no article text$",
        _text("numbers.txt", "12-4-2024 | 0912.345.678 | --- *** ..."),
    ),
    Case(
        "jsonl_malformed_lines", "skipped", r"^malformed JSON", _jsonl_mixed, ("feed-1", "feed-3")
    ),
    Case(
        "jsonl_records_without_text",
        "skipped",
        r"^no 'text' field with article text$",
        _jsonl_records_without_text,
        ("nt-5",),
    ),
    Case(
        "jsonl_without_any_article",
        "skipped",
        r"^(no 'text' field with article text|no article in this JSON Lines file)$",
        _jsonl_nothing,
    ),
    Case(
        "jsonl_nested_too_deeply",
        "skipped",
        r"^malformed JSON \(nested too deeply\)$",
        _jsonl_deep,
        ("deep-2",),
    ),
    Case(
        "folder_symlink_loop",
        "skipped",
        r"^folder already read \(a symbolic link loop",
        _folder_loop,
        ("inside",),
    ),
    Case("broken_symlink", "skipped", r"^broken symbolic link$", _broken_link),
    Case("file_symlink_loop", "skipped", r"^symbolic link loop$", _file_link_loop),
    Case(
        "unreadable_file",
        "skipped",
        r"^cannot be read \(Permission denied\)$",
        _unreadable,
        needs="unreadable",
    ),
    Case("named_pipe", "skipped", r"^not a regular file", _fifo),
    Case("unix_socket", "skipped", r"^not a regular file", _socket),
    Case("broken_sidecar_metadata", "skipped", r"^unreadable metadata \(", _bad_sidecar),
    Case(
        "same_document_id",
        "skipped",
        r"^same document id as .*tin 1\.txt; rename one$",
        _same_id,
        ("tin_1",),
    ),
    Case("newline_in_file_name", "skipped", r"^empty file$", _newline_name),
    Case(
        "folder_without_articles",
        "skipped",
        r"^no \.htm, \.html, \.jsonl, \.txt file in this folder$",
        _empty_folder,
        argument=True,
    ),
    Case(
        "missing_path",
        "skipped",
        r"^no such file or folder$",
        lambda src: ["mất.txt"],
        argument=True,
    ),
    # read, with a note
    Case(
        "windows_1258",
        "note",
        r"^not UTF-8; decoded as Vietnamese in Windows-1258",
        _bytes("legacy.txt", windows_1258(GOOD_A.replace("Sato Haruki", "Kato Yu"))),
        ("legacy",),
    ),
    Case(
        "truncated_html",
        "note",
        r"^the page ends before </html> \(cut off\?\)",
        _text(
            "cut.html",
            "<html><head><title>Tin</title></head><body><article>"
            + "".join(f"<p>{GOOD_B} Đoạn {n} nói về hợp tác quân y.</p>" for n in range(5))
            + "<p>Trung tướng Vũ Minh Khôi phát biểu tại",
        ),
        ("cut",),
    ),
    Case(
        "lone_surrogate_in_jsonl",
        "note",
        r"^lone surrogate\(s\) in the text replaced by U\+FFFD$",
        _jsonl_surrogate,
        ("sur-1",),
    ),
    Case(
        "stray_control_characters",
        "note",
        r"^2 control character\(s\) replaced by spaces$",
        _text("stray.txt", GOOD_A + "\x0c\n\x1b" + GOOD_B.replace("Vũ", "Lâm")),
        ("stray",),
    ),
    # valid articles however odd: built, nothing reported
    Case("utf8_with_bom", "built", "", _text("bom8.txt", "\ufeff" + GOOD_A), ("bom8",)),
    Case("utf16_with_bom", "built", "", _text("bom16.txt", GOOD_B, "utf-16"), ("bom16",)),
    Case("utf32_with_bom", "built", "", _text("bom32.txt", GOOD_B, "utf-32"), ("bom32",)),
    Case("megabyte_single_line", "built", "", _megabyte_line, ("one_line",)),
    Case(
        "mixed_scripts_and_emoji",
        "built",
        "",
        _text(
            "emoji.txt",
            "🇻🇳🤝🇯🇵 Ngày 1-7-2024, Đại tá Phan Văn Đức 👨‍✈️ gặp đoàn 中国人民解放军 và "
            "Вооружённые силы tại Hà Nội 🎉. 😀😀😀 Ελληνικά 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ﷽",
        ),
        ("emoji",),
    ),
    Case(
        "right_to_left_text",
        "built",
        "",
        _text(
            "rtl.txt",
            "Ngày 3-7-2024, Đại tá Trịnh Văn Sơn tiếp đoàn \u202bالقوات المسلحة\u202c tại Hà Nội. "
            "\u05e9\u05dc\u05d5\u05dd \u200f(עברית)\u200f và العربية trong cùng một dòng.",
        ),
        ("rtl",),
    ),
    Case(
        "decomposed_nfd",
        "built",
        "",
        _text("nfd.txt", unicodedata.normalize("NFD", REFERENCE)),
        ("nfd",),
    ),
    Case("zero_width_in_names", "built", "", _text("zero_width.txt", ZERO_WIDTH), ("zero_width",)),
    Case("many_entities_in_one_sentence", "built", "", _many_entities, ("many_entities",)),
    Case(
        "markup_in_plain_text",
        "built",
        "",
        _text("markup.txt", f"Đại tá Lý Văn Hùng {SCRIPT_TAGS} tiếp đoàn tại Huế."),
        ("markup",),
    ),
    Case(
        "old_mac_and_windows_line_ends",
        "built",
        "",
        _text("crlf.txt", GOOD_A.replace(". ", ".\r\n") + "\r" + GOOD_B.replace("Vũ", "Võ")),
        ("crlf",),
    ),
    Case("file_name_not_utf8", "built", "", _undecodable_name, ("b_i-vi_t",)),
)


def unavailable(case: Case) -> str:
    """Why this machine cannot show the case ('' when it can)."""
    if case.needs == "unreadable" and os.geteuid() == 0 and not can_drop_root_override():
        return "running as root without a way to drop CAP_DAC_OVERRIDE: every file is readable"
    return ""


_DROP_AND_EXEC = """
import ctypes, os, sys
libc = ctypes.CDLL(None, use_errno=True)
for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
    if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
        sys.exit(f"cannot drop capability {cap}: errno {ctypes.get_errno()}")
os.execv(sys.argv[1], sys.argv[1:])
"""


def without_root_override(command: list[str]) -> list[str]:
    """`command`, run (as root) without the power to read files whatever their permissions, so an
    unreadable file is unreadable for the build too: the capabilities leave the bounding set, then
    the command is exec'd. Unchanged for other users."""
    if os.geteuid() != 0:
        return command
    return [sys.executable, "-c", _DROP_AND_EXEC, *command]


@cache
def can_drop_root_override() -> bool:
    run = subprocess.run(without_root_override([sys.executable, "-c", "pass"]), check=False)
    return run.returncode == 0
