"""`netra export`: findings, cases or the OPDs' scorecard of a period as CSV or XLSX, on the configured warehouse (else
the embedded development cluster's) and as its login, so the database decides what may be read."""
from __future__ import annotations

import datetime as dt

from netra.cli import connect


def cmd_export(args) -> int:
    from netra import exports, warehouse

    data = exports.export(warehouse.engine(connect.warehouse_url()), args.what, dt.date.fromisoformat(args.start),
                          dt.date.fromisoformat(args.end), args.format)
    connect.emit(data, args.out)
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser("export", help="findings (mart.finding_list), cases (desk.queue) or the OPDs' "
                                             "neutrality scorecard of a period, as CSV or XLSX, as far as the "
                                             "login may read them")
    p.add_argument("what", choices=("findings", "cases", "scorecard"))
    p.add_argument("--from", dest="start", required=True, help="first day (ISO date, the city's zone)")
    p.add_argument("--to", dest="end", required=True, help="the day after the last (ISO date; not included)")
    p.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    p.add_argument("--out", help="file to write (default: standard output)")
    p.set_defaults(func=cmd_export)
