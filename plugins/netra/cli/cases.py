"""`netra case`: loading the workflow, escalating what is overdue, a case's evidence package (the
PDF and the ZIP), checking a ZIP, and the export of decided cases, on the configured warehouse
(else the embedded development cluster's) and as its login, so the database decides what may be
read."""
from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from netra.cli import connect


def _engine():
    from netra import warehouse

    return warehouse.engine(connect.warehouse_url())


def cmd_evidence(args) -> int:
    from netra.cases import bundle, evidence

    engine = _engine()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    archive = evidence.bundle(engine, args.case_id)
    with zipfile.ZipFile(io.BytesIO(archive)) as z:        # the PDF as the ZIP holds it
        pdf, manifest = z.read(bundle.PDF), z.read(bundle.MANIFEST)
    pdf_path, zip_path = out / f"kasus-{args.case_id}.pdf", out / f"kasus-{args.case_id}.zip"
    pdf_path.write_bytes(pdf)
    zip_path.write_bytes(archive)
    print(pdf_path)
    print(zip_path)
    print(f"manifest sha256 {bundle.sha256(manifest)}")
    return 0


def cmd_verify(args) -> int:
    from netra.cases import evidence

    problems = evidence.verify(Path(args.zip).read_bytes(), None if args.offline else _engine())
    for p in problems:
        print(p, file=sys.stderr)
    print("bundel utuh" if not problems else f"{len(problems)} masalah")
    return 1 if problems else 0


def cmd_export(args) -> int:
    from netra.cases import export

    data = export.decided(_engine(), args.format, args.election)
    connect.emit(data, args.out)
    return 0


def cmd_workflow(args) -> int:
    from netra.cases import store

    store.load_workflow(_engine(), "netra case workflow")
    print("workflow, decisions, deadlines and days off loaded")
    return 0


def cmd_escalate(args) -> int:
    import datetime as dt
    import json

    from netra.cases import escalation

    day = dt.date.fromisoformat(args.day) if args.day else dt.date.today()
    print(json.dumps(escalation.escalate(_engine(), day)))
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser("case", help="cases: the workflow, the clock's escalations, evidence package, "
                                           "verifying a bundle, export of decided cases")
    sub = p.add_subparsers(dest="case_command", required=True)
    w = sub.add_parser("workflow", help="load include/rules/cases/workflow.yaml and the calendar into the warehouse "
                                        "(the pipeline does it too when they changed)")
    w.set_defaults(func=cmd_workflow)
    c = sub.add_parser("escalate", help="escalate deadlines past their last day (what DAG netra_case_clock does daily)")
    c.add_argument("--day", help="the day to reckon from (ISO date; default today)")
    c.set_defaults(func=cmd_escalate)
    e = sub.add_parser("evidence", help="write a case's PDF and evidence ZIP; print their paths and the manifest hash")
    e.add_argument("case_id", type=int)
    e.add_argument("--out", default=".", help="directory to write kasus-<id>.pdf and kasus-<id>.zip (default: .)")
    e.set_defaults(func=cmd_evidence)
    v = sub.add_parser("verify", help="check an evidence ZIP's hashes, and its pages against the warehouse")
    v.add_argument("zip")
    v.add_argument("--offline", action="store_true", help="check the ZIP on its own, without the warehouse")
    v.set_defaults(func=cmd_verify)
    x = sub.add_parser("export", help="decided cases for BKN and BKPSDM, as CSV or XLSX")
    x.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    x.add_argument("--election", help="only this election's cases")
    x.add_argument("--out", help="file to write (default: standard output)")
    x.set_defaults(func=cmd_export)
