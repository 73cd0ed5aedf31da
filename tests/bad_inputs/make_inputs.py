"""Write the bad-input set from the committed example: `python tests/bad_inputs/make_inputs.py`.

cases.json says what unkg must say of each file. The file of 50 MB is made by the test itself.
"""

from __future__ import annotations

import io
from pathlib import Path

import pypdf

HERE = Path(__file__).resolve().parent
TEXT = (HERE.parent.parent / "examples" / "A_RES_78_72.zh.txt").read_text(encoding="utf-8")


def blank_pdf() -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


FILES = {
    "empty.zh.txt": b"",
    "binary.zh.txt": bytes(range(256)) * 4,
    "scan.pdf": blank_pdf(),
    "prose.zh.txt": "这是一段文字，不是决议。\n".encode("utf-8"),
    "latin1.txt": "Résolution café naïve \xff".encode("latin-1"),
    "cut-in-a-character.zh.txt": TEXT.encode("utf-8")[:9000],
    "cut-mid-paragraph.zh.txt": TEXT[:TEXT.index("满意地注意到全球导航卫星系统国际委员会") + 30].encode("utf-8"),
    "gb18030.zh.txt": TEXT.encode("gb18030"),
    "utf16.zh.txt": TEXT.encode("utf-16"),
    "bom.zh.txt": b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
    "crlf.zh.txt": TEXT.replace("\n", "\r\n").encode("utf-8"),
    "tricks.zh.txt": (TEXT.replace("78/72.", "７８／７２．", 1)
                      .replace("第 62/217号决议认可的", "第 ６２／２１７\u200b号决议认可的")
                      .replace(" 3. 注意到", " ３． 注意到")).encode("utf-8"),
    "same-symbol-other-text.zh.txt": TEXT.replace("强调使人类得以探索宇宙", "强调使全人类得以探索宇宙").encode("utf-8"),
}

if __name__ == "__main__":
    for name, content in FILES.items():
        (HERE / name).write_bytes(content)
        print(f"wrote tests/bad_inputs/{name} ({len(content)} bytes)")
