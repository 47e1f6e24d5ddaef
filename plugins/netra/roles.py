"""The warehouse's roles (migration 0007 creates them) and what each may do.

After every migration everything in Netra's schemas is handed to netra_owner and the grants of
include/sql/roles/grants.sql are applied anew, so that file is the whole truth of who may read and
write what; each application is audited with the file's hash.
"""
from __future__ import annotations

from netra import audit, warehouse

SINCE = "0007_case_desk"
GROUPS = ("netra_owner", "netra_loader", "netra_analyst", "netra_case_officer", "netra_supervisor", "netra_auditor")


def apply(conn) -> None:
    warehouse.execute(conn, "roles/own")
    warehouse.execute(conn, "roles/grants")
    audit.record(conn, "netra migrate", "role_grants", "roles/grants.sql",
                 {"sha256": audit.sha256(warehouse.sql("roles/grants")), "roles": list(GROUPS)})
