"""The evidence package of a case: the PDF for the PPK and the bundle (ZIP) a verifier can check.

Both are read in one snapshot of the warehouse, through the caller's login (the desk connects as
its user, so the database decides what each may read; a case officer reads everything here but
reporters' contacts). Neither carries the clock's time: the package is dated by the latest change
to what it reports (`as_of`), so the same case state gives the same bytes, and the PDF printed
from the desk names the same manifest hash as the ZIP downloaded beside it.
"""
from __future__ import annotations

from netra.cases import bundle as bundles
from netra.cases import bundle_verify, evidence_pdf
from netra.cases.casefile import read


def _snapshot(engine, case_id: int):
    """The case's file and its bundle's contents, read in one consistent snapshot."""
    with engine.connect() as conn:
        conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            f = read(conn, case_id)
    return f, bundles.contents(f)


def pdf(engine, case_id: int) -> bytes:
    """The PDF for the PPK, in Bahasa Indonesia, naming its bundle's manifest hash."""
    f, contents = _snapshot(engine, case_id)
    return evidence_pdf.render(f, contents.manifest_sha256)


def bundle(engine, case_id: int) -> bytes:
    """The ZIP: raw pages, their WARC, the PDF, manifest.json and SHA256SUMS."""
    f, contents = _snapshot(engine, case_id)
    return bundles.archive(contents, evidence_pdf.render(f, contents.manifest_sha256), f.as_of)


def verify(zip_bytes: bytes, engine=None) -> list[str]:
    """The problems found in a bundle (empty: it holds); given an engine, checked against raw too."""
    return bundle_verify.verify(zip_bytes, engine)
