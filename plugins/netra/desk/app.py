"""The desk's web application (FastAPI, Jinja2 templates in Bahasa Indonesia, HTMX vendored).

Every page runs on the session's own engine, logged in as the user: the views of schema `desk`
show it only the cases it may see, and the warehouse refuses what its role may not do. Pages work
without JavaScript; with it, HTMX swaps the queue's table as filters change. Links are relative to
the app's root path, so it works mounted under a prefix (Airflow's api-server) as well as alone.
"""
from __future__ import annotations

import secrets
from collections.abc import Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated

import sqlalchemy as sa
from fastapi import FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from netra import settings, warehouse
from netra.cases import evidence
from netra.cases import workflow as workflows
from netra.desk import actions, labels, reads
from netra.desk.sessions import UNREACHABLE, LoginError, Session, Sessions, connect
from netra.rules.catalogue import load_catalogue

HERE = Path(__file__).parent
COOKIE = "netra_desk"
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; frame-ancestors 'self'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",        # pages hold personal data
}
# A form field (empty when the form leaves it out).
Field = Annotated[str, Form()]
# The HTTP status of a refused action, by its message (others: 400).
STATUS = {actions.NOT_FOUND: 404, actions.FORBIDDEN: 403}


class NeedLogin(Exception):
    """No live session: the user goes to the log-in page."""


class BadForm(Exception):
    """A form without this session's CSRF token."""


def create_app(warehouse_url: Callable[[], str] = warehouse.connection_url) -> FastAPI:
    """The desk. `warehouse_url` gives the warehouse's address (its user and password are replaced
    by each user's own at log-in); it is called at each log-in, never at import."""
    flow, _ = workflows.load()
    basis = {r.id: r.legal_basis for r in load_catalogue(settings.rules_dir() / "catalogue.yaml").rules}
    sessions = Sessions()

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        sessions.close_all()

    app = FastAPI(title="Netra · Meja Kasus", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.state.sessions = sessions
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(directory=HERE / "templates")
    states = {s.id: s.label for s in flow.states}
    templates.env.globals.update(labels=labels, flow=flow, label=labels.label, basis=basis, states=states)
    templates.env.filters.update(date=labels.date, when=labels.when, days_left=labels.days_left)

    def base(request: Request) -> str:
        return request.scope.get("root_path", "").rstrip("/")

    def page(request: Request, name: str, context: dict, status: int = 200) -> HTMLResponse:
        return templates.TemplateResponse(request, name, {"base": base(request), **context}, status_code=status,
                                          headers=SECURITY_HEADERS)

    def session(request: Request, csrf: str | None = None) -> Session:
        """The request's live session; with `csrf`, a form that must carry the session's token."""
        s = sessions.get(request.cookies.get(COOKIE))
        if s is None:
            raise NeedLogin()
        if csrf is not None and not secrets.compare_digest(csrf.encode(), s.csrf.encode()):
            raise BadForm()
        return s

    @app.exception_handler(NeedLogin)
    async def to_login(request: Request, _exc: NeedLogin) -> Response:
        target = base(request) + "/masuk"
        if request.headers.get("HX-Request"):
            return Response(status_code=204, headers={"HX-Redirect": target})
        return RedirectResponse(target, status_code=303)

    @app.exception_handler(BadForm)
    async def bad_form(request: Request, _exc: BadForm) -> Response:
        return page(request, "error.html", {"message": "Formulir kedaluwarsa atau tidak sah; muat ulang halaman.",
                                            "session": sessions.get(request.cookies.get(COOKIE))}, 403)

    # Endpoints are plain functions: FastAPI runs them in its thread pool, so the database work of
    # one user never holds up the event loop (Airflow's api-server shares it).
    @app.get("/masuk", response_class=HTMLResponse)
    def login_page(request: Request):
        if sessions.get(request.cookies.get(COOKIE)):
            return RedirectResponse(base(request) + "/", status_code=303)
        return page(request, "login.html", {})

    @app.post("/masuk")
    def login(request: Request, nama: Field = "", sandi: Field = ""):
        try:
            engine, role = connect(warehouse_url(), nama.strip(), sandi)
        except LoginError as exc:
            status = 503 if str(exc) == UNREACHABLE else 401
            return page(request, "login.html", {"error": str(exc), "nama": nama.strip()}, status)
        sessions.close(request.cookies.get(COOKIE))
        token, _ = sessions.open(nama.strip(), role, engine)
        response = RedirectResponse(base(request) + "/", status_code=303)
        response.set_cookie(COOKIE, token, httponly=True, samesite="strict", path=base(request) + "/",
                            secure=request.url.scheme == "https")
        return response

    @app.post("/keluar")
    def logout(request: Request, csrf: Field = ""):
        session(request, csrf)
        sessions.close(request.cookies.get(COOKIE))
        response = RedirectResponse(base(request) + "/masuk", status_code=303)
        response.delete_cookie(COOKIE, path=base(request) + "/")
        return response

    @app.get("/", response_class=HTMLResponse)
    def queue(request: Request):
        s = session(request)
        filters = reads.Filters.parse(request.query_params)
        rows, total = reads.queue(s.engine, filters)
        context = {"session": s, "rows": rows, "total": total, "filters": filters}
        response = (page(request, "_queue_table.html", context)
                    if request.headers.get("HX-Request") and not request.headers.get("HX-History-Restore-Request")
                    else page(request, "queue.html", {**context, "options": reads.options(s.engine)}))
        response.headers["Vary"] = "HX-Request"
        return response

    def case_page(request: Request, s: Session, case_id: int, status: int = 200, **extra) -> HTMLResponse:
        file = reads.case(s.engine, case_id)
        if file is None:
            return page(request, "error.html", {"session": s, "message": actions.NOT_FOUND}, 404)
        offered = [t for t in flow.transitions if t.from_ == file.case.state and s.role in t.roles]
        flash, s.flash = s.flash, None
        return page(request, "case.html", {"session": s, "file": file, "offered": offered, "flash": flash,
                                           "reviews": s.role == "case_officer", **extra}, status)

    @app.get("/kasus/{case_id}", response_class=HTMLResponse)
    def case(request: Request, case_id: int):
        return case_page(request, session(request), case_id)

    @app.post("/kasus/{case_id}/langkah")
    def take_step(request: Request, case_id: int, csrf: Field = "", aksi: Field = "", alasan: Field = "",
                  keputusan: Field = "", tindakan: Field = ""):
        s = session(request, csrf)
        try:
            state = actions.step(s.engine, flow, case_id, aksi, alasan, keputusan, tindakan)
        except actions.Refused as exc:
            tried = {"aksi": aksi, "alasan": alasan, "keputusan": keputusan, "tindakan": tindakan}
            return case_page(request, s, case_id, STATUS.get(exc.message, 400), refused=exc, tried=tried)
        s.flash = f"Langkah dicatat. Status kasus sekarang: {states.get(state, state)}."
        return RedirectResponse(f"{base(request)}/kasus/{case_id}", status_code=303)

    @app.post("/kasus/{case_id}/temuan/{finding_id}")
    def review(request: Request, case_id: int, finding_id: int, csrf: Field = "", putusan: Field = "",
               alasan: Field = ""):
        s = session(request, csrf)
        try:
            actions.review(s.engine, case_id, finding_id, putusan, alasan)
        except actions.Refused as exc:
            return case_page(request, s, case_id, STATUS.get(exc.message, 400), refused=exc)
        s.flash = "Tinjauan temuan dicatat."
        return RedirectResponse(f"{base(request)}/kasus/{case_id}#temuan-{finding_id}", status_code=303)

    @app.get("/kasus/{case_id}/bukti.{kind}")
    def download(request: Request, case_id: int, kind: str):
        s = session(request)
        make = {"pdf": (evidence.pdf, "application/pdf"), "zip": (evidence.bundle, "application/zip")}.get(kind)
        try:
            if make is None or not reads.visible(s.engine, case_id):
                raise LookupError(case_id)
            body = make[0](s.engine, case_id)
        except LookupError:
            return page(request, "error.html", {"session": s, "message": actions.NOT_FOUND}, 404)
        except sa.exc.DBAPIError as exc:
            refused = actions.refusal(exc)
            return page(request, "error.html", {"session": s, "message": refused.message,
                                                "db_message": refused.db_message}, 403)
        return Response(body, media_type=make[1], headers={
            **SECURITY_HEADERS, "Content-Disposition": f'attachment; filename="kasus-{case_id}.{kind}"'})

    return app


def serve(host: str = "127.0.0.1", port: int = 8090, warehouse_url: Callable[[], str] = warehouse.connection_url) -> None:
    """Run the desk alone (`netra desk`) until interrupted; its warehouse is the netra_warehouse
    connection unless told otherwise (the command line's embedded cluster)."""
    import uvicorn

    uvicorn.run(create_app(warehouse_url), host=host, port=port, log_level="info", proxy_headers=False)
