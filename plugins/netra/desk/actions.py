"""What the desk writes, as the user's own login: steps of the workflow (netra.cases.store.step,
which the warehouse's trigger checks again, roles included) and reviews of findings. A refusal
becomes a message in Bahasa Indonesia; the warehouse's own words are kept beside it."""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from netra import warehouse
from netra.cases import store
from netra.cases.workflow import Workflow, WorkflowError

REASON_REQUIRED = "Alasan wajib diisi."
NOT_FOUND = "Kasus tidak ditemukan."
# The workflow's refusals (netra.cases.workflow, netra.cases.store), by a piece of their text.
WORKFLOW_MESSAGES = (
    ("needs a reason", REASON_REQUIRED),
    ("cannot", "Langkah ini tidak tersedia dari status kasus saat ini."),
    ("name its track and outcome", "Pilih keputusan (jalur dan hasilnya)."),
    ("needs the concrete measure", "Keputusan ini wajib disertai uraian hukuman yang dijatuhkan."),
    ("records no decision", "Langkah ini tidak mencatat keputusan."),
    ("no decision track", "Keputusan tidak dikenal alur kerja."),
    ("has no outcome", "Keputusan tidak dikenal alur kerja."),
    ("no case", NOT_FOUND),
)
INSUFFICIENT_PRIVILEGE = "42501"
STALE = "Status kasus sudah berubah sejak halaman ini dibuka; muat ulang halaman."
FORBIDDEN = "Akun Anda tidak berwenang melakukan ini."
REFUSED = "Basis data menolak perubahan ini."


@dataclass
class Refused(Exception):
    """An action refused: what the user reads, and the warehouse's own message when it refused."""
    message: str
    db_message: str | None = None


def step(engine, flow: Workflow, case_id: int, action: str, reason: str,
         decision: str = "", measure: str = "") -> str:
    """Take a step on a case; returns the state it reaches. `decision` is "track/outcome"."""
    if not reason.strip():
        raise Refused(REASON_REQUIRED)
    track, _, outcome = decision.partition("/")
    try:
        return store.step(engine, flow, case_id, action, reason.strip(), track=track or None,
                          outcome=outcome or None, measure=measure.strip() or None)
    except WorkflowError as exc:
        raise Refused(_workflow_message(str(exc))) from None
    except sa.exc.DBAPIError as exc:
        raise refusal(exc) from None


def review(engine, case_id: int, finding_id: int, verdict: str, reason: str) -> None:
    """Confirm or dismiss a finding of a case (the post version it judged)."""
    if not reason.strip():
        raise Refused(REASON_REQUIRED)
    if verdict not in ("dikonfirmasi", "ditolak"):
        raise Refused("Pilih: dikonfirmasi atau ditolak.")
    try:
        with engine.begin() as conn:
            made = warehouse.execute(conn, "desk/queries/review", {
                "case_id": case_id, "finding_id": finding_id, "verdict": verdict, "reason": reason.strip()}).first()
    except sa.exc.DBAPIError as exc:
        raise refusal(exc) from None
    if made is None:
        raise Refused("Temuan tidak ditemukan pada kasus ini.")


def _workflow_message(text: str) -> str:
    for piece, message in WORKFLOW_MESSAGES:
        if piece in text:
            return message
    return text


def refusal(exc: sa.exc.DBAPIError) -> Refused:
    diag = getattr(exc.orig, "diag", None)
    primary = getattr(diag, "message_primary", None) or str(exc.orig).strip()
    code = getattr(exc.orig, "pgcode", None)
    if code == INSUFFICIENT_PRIVILEGE:
        return Refused(FORBIDDEN, primary)
    if " is " in primary and ", not " in primary and primary.startswith("case "):
        return Refused(STALE, primary)
    return Refused(REFUSED, primary)
