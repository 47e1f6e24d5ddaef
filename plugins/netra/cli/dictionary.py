"""`netra dictionary`: the data dictionary page, read from the configured warehouse's catalogue
(else the embedded development cluster's), written beside the reports or where --out says."""
from __future__ import annotations

from pathlib import Path


def cmd_dictionary(args) -> int:
    from netra import dictionary, warehouse
    from netra.cli.connect import warehouse_url

    print(dictionary.write(warehouse.engine(warehouse_url()), Path(args.out) if args.out else None))
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser("dictionary", help="write the data dictionary page (every schema, table, view and "
                                                 "column with its comment) beside the reports")
    p.add_argument("--out", help="file to write (default: dictionary.html in the reports directory)")
    p.set_defaults(func=cmd_dictionary)
