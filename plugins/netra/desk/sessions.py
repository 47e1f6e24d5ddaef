"""Log-in and sessions of the desk. A user logs in with their PostgreSQL login and password and
the desk connects to the warehouse as that login: PostgreSQL authenticates them and enforces what
they may see and do. The desk keeps no password of its own, only each session's small engine,
behind a random token (the cookie), until log-out or an idle timeout."""
from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from netra import warehouse

IDLE_SECONDS = 30 * 60
ROLES = ("case_officer", "supervisor")        # who may use the desk, as the workflow names them


class LoginError(Exception):
    """A log-in refused; its message is what the user reads."""


WRONG = "Nama pengguna atau kata sandi salah"
NO_ACCESS = "Akun ini tidak memiliki akses ke meja kasus"
UNREACHABLE = "Gudang data tidak dapat dihubungi; coba lagi nanti"


@dataclass
class Session:
    login: str
    role: str                     # case_officer or supervisor
    engine: Engine
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    flash: str | None = None      # a message for the next page (after a redirect)
    last_seen: float = 0.0


def connect(base_url: str, login: str, password: str) -> tuple[Engine, str]:
    """An engine logged in as `login`, and the desk role its database roles give it. A superuser
    is refused: row-level security and the grants would not bind it."""
    if not login or not password:
        raise LoginError(WRONG)
    url = sa.engine.make_url(base_url).set(username=login, password=password)
    engine = sa.create_engine(url, pool_size=1, max_overflow=3, pool_pre_ping=True, pool_recycle=600,
                           connect_args={"options": warehouse.SESSION_OPTIONS})
    try:
        with engine.connect() as conn:
            row = warehouse.execute(conn, "desk/queries/whoami").one()
    except sa.exc.OperationalError as exc:
        engine.dispose()
        if "authentication failed" in str(exc):
            raise LoginError(WRONG) from None
        raise LoginError(UNREACHABLE) from None
    except BaseException:
        engine.dispose()
        raise
    role = None if row.superuser else "case_officer" if row.case_officer else "supervisor" if row.supervisor else None
    if role is None:
        engine.dispose()
        raise LoginError(NO_ACCESS)
    return engine, role


class Sessions:
    """Sessions by token, in this process's memory (a restart logs everyone out)."""

    def __init__(self, idle_seconds: float = IDLE_SECONDS, clock: Callable[[], float] = time.monotonic):
        self.idle_seconds, self.clock = idle_seconds, clock
        self._by_token: dict[str, Session] = {}
        self._lock = threading.Lock()

    def open(self, login: str, role: str, engine: Engine) -> tuple[str, Session]:
        token = secrets.token_urlsafe(32)
        session = Session(login, role, engine, last_seen=self.clock())
        with self._lock:
            self._expire()
            self._by_token[token] = session
        return token, session

    def get(self, token: str | None) -> Session | None:
        """The live session of a token, its idle time restarted; None when unknown or expired."""
        with self._lock:
            self._expire()
            session = self._by_token.get(token or "")
            if session is not None:
                session.last_seen = self.clock()
            return session

    def close(self, token: str | None) -> None:
        with self._lock:
            session = self._by_token.pop(token or "", None)
        if session is not None:
            session.engine.dispose()

    def close_all(self) -> None:
        with self._lock:
            sessions, self._by_token = list(self._by_token.values()), {}
        for s in sessions:
            s.engine.dispose()

    def _expire(self) -> None:
        now = self.clock()
        for token in [t for t, s in self._by_token.items() if now - s.last_seen > self.idle_seconds]:
            self._by_token.pop(token).engine.dispose()
