"""Command line: ``python -m thidua.admindoc {parse,render,check} …``.

Exit status: 0 success; 1 ``check`` found problems; 2 the input could not be read (the message
is one line on stderr).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from thidua.admindoc.model import AdminDocError, AdminDocument, UnreadableDocument

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_UNREADABLE = 2


def _fail(message: str) -> int:
    # One line, whatever the message: scripts read the first line of stderr.
    print(" ".join(str(message).split()), file=sys.stderr)
    return EXIT_UNREADABLE


def _check_file(path: str) -> str | None:
    """A Vietnamese reason why ``path`` cannot be opened as a file, or None."""
    if not os.path.exists(path):
        return f"Không tìm thấy tệp: {path}"
    if os.path.isdir(path):
        return f"Đây là thư mục, không phải tệp: {path}"
    return None


def cmd_parse(args: argparse.Namespace) -> int:
    from thidua.admindoc.extract import extract  # lazily: keeps `--help` fast
    from thidua.admindoc.parse import parse

    if reason := _check_file(args.file):
        return _fail(reason)
    try:
        extracted = extract(args.file, filename=os.path.basename(args.file))
    except (UnreadableDocument, OSError) as exc:
        return _fail(f"Không đọc được tệp {args.file}: {exc}")
    doc = parse(extracted.text)
    doc.quality.encoding_converted = extracted.encoding_converted or doc.quality.encoding_converted
    doc.quality.ocr_suspect = extracted.ocr or doc.quality.ocr_suspect
    data = doc.to_dict()
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(_summary(doc))
    return EXIT_OK


def _summary(doc: AdminDocument) -> str:
    """A short human reading of the result; ``--json`` gives everything."""
    rows = [
        ("Cơ quan chủ quản", doc.parent_body),
        ("Cơ quan ban hành", doc.issuer),
        ("Số, ký hiệu", doc.number),
        ("Loại văn bản", doc.type_name),
        ("Địa danh", doc.place),
        ("Ngày", doc.date.isoformat() if doc.date else None),
        ("Trích yếu", doc.title),
        ("Căn cứ", str(len(doc.bases))),
        ("Mục cấp 1", str(len(doc.sections))),
        ("Đợt", str(len(doc.phases))),
        ("Thời hạn", str(len(doc.deadlines))),
        ("Phân công", str(len(doc.assignments))),
        ("Nơi nhận", str(len(doc.recipients))),
    ]
    if doc.signer:
        signer = " / ".join(doc.signer.positions)
        if doc.signer.authority:
            signer = f"{doc.signer.authority} {signer}"
        rows.append(("Người ký", f"{signer} — {doc.signer.name or '?'}"))
    return "\n".join(f"{label}: {value if value is not None else '—'}" for label, value in rows)


def cmd_render(args: argparse.Namespace) -> int:
    from thidua.admindoc.render import render

    if reason := _check_file(args.file):
        return _fail(reason)
    try:
        with open(args.file, encoding="utf-8") as fh:
            data = json.load(fh)
        doc = AdminDocument.from_dict(data)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, TypeError, ValueError) as exc:
        return _fail(f"Tệp JSON không hợp lệ {args.file}: {exc}")
    try:
        content = render(doc)
    except AdminDocError as exc:
        return _fail(f"Không tạo được văn bản: {exc}")
    try:
        with open(args.output, "wb") as fh:
            fh.write(content)
    except OSError as exc:
        return _fail(f"Không ghi được tệp {args.output}: {exc}")
    print(f"Đã ghi {args.output}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from thidua.admindoc.check import check_docx

    if reason := _check_file(args.file):
        return _fail(reason)
    try:
        problems = check_docx(args.file)
    except (UnreadableDocument, OSError) as exc:
        return _fail(f"Không đọc được tệp {args.file}: {exc}")
    for problem in problems:
        print(str(problem))
    if problems:
        return EXIT_PROBLEMS
    print(f"Đạt: {args.file} đúng thể thức Nghị định 30/2020/NĐ-CP theo các điểm đã kiểm tra.")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m thidua.admindoc",
        description="Đọc, tạo và kiểm tra văn bản hành chính (Nghị định 30/2020/NĐ-CP).",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="LỆNH")

    p = sub.add_parser("parse", help="đọc một văn bản (.txt, .docx, .pdf, ảnh) và phân tích")
    p.add_argument("file", metavar="TỆP", help="tệp văn bản cần đọc")
    p.add_argument("--json", action="store_true", help="in toàn bộ kết quả dạng JSON")
    p.set_defaults(func=cmd_parse)

    r = sub.add_parser("render", help="tạo tệp .docx theo Nghị định 30 từ tệp JSON")
    r.add_argument("file", metavar="TỆP.json", help="kết quả của lệnh parse --json")
    r.add_argument("-o", "--output", required=True, metavar="RA.docx", help="tệp .docx sẽ ghi")
    r.set_defaults(func=cmd_render)

    c = sub.add_parser("check", help="kiểm tra thể thức một tệp .docx")
    c.add_argument("file", metavar="TỆP.docx", help="tệp .docx cần kiểm tra")
    c.set_defaults(func=cmd_check)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except BrokenPipeError:  # `… | head`: the reader left, nothing to report
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
