"""A PostgreSQL cluster of Netra's own: the demo's warehouse and Airflow metadata, and the tests'.

It runs the distribution's server binaries (Debian: `apt-get install postgresql`) on a free
loopback port with password authentication. PostgreSQL refuses to run as root, so as root the
server runs as an unprivileged system user (`postgres` where it exists, else `nobody`). Only the
postmaster recorded in this cluster's own pid file is ever stopped.

When that user cannot reach the cluster's directory (a 0700 parent such as a pytest temporary
directory), the data goes to /var/tmp/netra-pg-<hash>, marked with the directory it belongs to, so
that `destroy` and `sweep_orphans` (`make clean`) can remove it.
"""
from __future__ import annotations

import hashlib
import json
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from netra import settings

SUPERUSER = "netra"
SCRATCH = Path("/var/tmp")              # data of clusters whose own directory the server cannot reach
OWNER_FILE = "netra-cluster.json"       # in such a data directory's parent: the cluster it belongs to


class ClusterError(RuntimeError):
    pass


def pg_bindir() -> Path:
    """Directory of initdb/pg_ctl: $NETRA_PG_BIN, Debian's newest /usr/lib/postgresql/N/bin, or PATH."""
    env = settings.pg_bin()
    candidates = [Path(env)] if env else []
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"),
                         key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
                         reverse=True)
    found = shutil.which("initdb")
    if found:
        candidates.append(Path(found).parent)
    for c in candidates:
        if (c / "initdb").exists() and (c / "pg_ctl").exists():
            return c
    raise ClusterError(
        "PostgreSQL server binaries (initdb, pg_ctl) not found. On Debian or Ubuntu: "
        "`apt-get update && apt-get install -y postgresql`; elsewhere set NETRA_PG_BIN to the "
        "directory that holds initdb.")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _port_free(port: int) -> bool:
    """Whether the server could listen on the port. Like PostgreSQL, with SO_REUSEADDR: the closed
    connections of a server just stopped (TIME_WAIT) would otherwise move a restart to another port."""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _os_user() -> str | None:
    """The unprivileged account the server runs as when we are root; None when we are not root."""
    if os.geteuid() != 0:
        return None
    wanted = settings.pg_os_user()
    for name in ([wanted] if wanted else ["postgres", "nobody"]):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise ClusterError("running as root but no unprivileged user (postgres, nobody) to run the server as; "
                       "set NETRA_PG_OS_USER")


@dataclass
class Cluster:
    """A cluster whose files live in `base` (pgdata/, postgres.log, cluster.json). Throwaway
    clusters trade durability for speed (no fsync, asynchronous commit); a `durable` one keeps
    PostgreSQL's defaults, so a commit survives a crash (the tests of crash recovery)."""

    base: Path
    durable: bool = False

    @property
    def meta_file(self) -> Path:
        return self.base / "cluster.json"

    @property
    def log_file(self) -> Path:
        """Beside the data directory, where the server's user can write it."""
        return Path(self.meta()["data_dir"]).parent / "postgres.log"

    def meta(self) -> dict:
        if not self.meta_file.exists():
            raise ClusterError(f"no cluster at {self.base}: run `netra db start` first")
        return json.loads(self.meta_file.read_text())

    @property
    def data_dir(self) -> Path:
        return Path(self.meta()["data_dir"])

    def _run(self, args: list[str], check: bool = True, **kw) -> subprocess.CompletedProcess:
        user = _os_user()
        cmd = (["runuser", "-u", user, "--"] + args) if user else args
        proc = subprocess.run(cmd, capture_output=True, text=True, **kw)
        if check and proc.returncode != 0:
            raise ClusterError(f"{Path(args[0]).name} failed ({proc.returncode}): {proc.stderr.strip() or proc.stdout.strip()}")
        return proc

    def _data_location(self) -> Path:
        """pgdata under base, unless the server's OS user cannot reach base (a 0700 parent as root)."""
        user = _os_user()
        wanted = self.base / "pgdata"
        if user is None:
            return wanted
        probe = subprocess.run(["runuser", "-u", user, "--", "test", "-x", str(self.base)])
        if probe.returncode == 0:
            return wanted
        digest = hashlib.sha256(str(self.base).encode()).hexdigest()[:12]
        return SCRATCH / f"netra-pg-{digest}" / "pgdata"

    def init(self) -> None:
        """initdb once, with a generated superuser password kept in cluster.json (mode 0600)."""
        if self.meta_file.exists():
            return
        bindir = pg_bindir()
        self.base.mkdir(parents=True, exist_ok=True)
        os.chmod(self.base, 0o755)
        data = self._data_location()
        data.parent.mkdir(parents=True, exist_ok=True)
        if data.parent != self.base:
            (data.parent / OWNER_FILE).write_text(json.dumps({"base": str(self.base)}))
        password = secrets.token_urlsafe(24)
        user = _os_user()
        with tempfile.NamedTemporaryFile("w", delete=False, dir=data.parent) as pw:
            pw.write(password + "\n")
        try:
            if user:
                ent = pwd.getpwnam(user)
                for p in (data.parent, Path(pw.name)):
                    os.chown(p, ent.pw_uid, ent.pw_gid)
                log = data.parent / "postgres.log"
                log.touch()
                os.chown(log, ent.pw_uid, ent.pw_gid)
            self._run([str(bindir / "initdb"), "-D", str(data), "-U", SUPERUSER, f"--pwfile={pw.name}",
                       "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"])
        finally:
            os.unlink(pw.name)
        if data != self.base / "pgdata" and not (self.base / "pgdata").exists():
            (self.base / "pgdata").symlink_to(data)
        meta = {"data_dir": str(data), "port": free_port(), "user": SUPERUSER, "password": password,
                "bindir": str(bindir), "os_user": user}
        self.meta_file.write_text(json.dumps(meta, indent=2))
        os.chmod(self.meta_file, 0o600)

    def pid(self) -> int | None:
        """The postmaster's pid from this cluster's own pid file, if it is alive."""
        try:
            pid = int((self.data_dir / "postmaster.pid").read_text().splitlines()[0])
        except (OSError, ValueError, IndexError, ClusterError):
            return None
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except PermissionError:
            pass
        return pid

    def start(self, databases: tuple[str, ...] = ()) -> dict:
        self.init()
        meta = self.meta()
        if self.pid() is None:
            if not _port_free(meta["port"]):
                meta["port"] = free_port()
                self.meta_file.write_text(json.dumps(meta, indent=2))
            fast = "" if self.durable else "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            opts = (f"-p {meta['port']} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' {fast}"
                    "-c max_connections=200 -c shared_buffers=256MB -c work_mem=32MB "
                    "-c maintenance_work_mem=256MB -c max_wal_size=2GB")
            self._run([str(Path(meta["bindir"]) / "pg_ctl"), "-D", meta["data_dir"], "-l", str(self.log_file),
                       "-o", opts, "-w", "-t", "60", "start"])
        self._wait_ready(meta)
        for db in databases:
            self.create_database(db)
        return meta

    def _wait_ready(self, meta: dict, timeout: float = 30) -> None:
        import psycopg2

        deadline = time.monotonic() + timeout
        while True:
            try:
                psycopg2.connect(self.dsn("postgres")).close()
                return
            except psycopg2.OperationalError as exc:
                if time.monotonic() > deadline:
                    raise ClusterError(f"server on port {meta['port']} not ready: {exc}; see {self.log_file}") from exc
                time.sleep(0.2)

    def create_database(self, name: str) -> None:
        import psycopg2

        conn = psycopg2.connect(self.dsn("postgres"))
        conn.autocommit = True
        try:
            with conn.cursor() as cur:
                cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
                if cur.fetchone() is None:
                    cur.execute(f'CREATE DATABASE "{name}"')
        finally:
            conn.close()

    def drop_database(self, name: str) -> None:
        import psycopg2

        conn = psycopg2.connect(self.dsn("postgres"))
        conn.autocommit = True
        try:
            with conn.cursor() as cur:
                cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            conn.close()

    def stop(self, mode: str = "fast") -> bool:
        """Stop this cluster's postmaster (`fast` shutdown; `immediate` is a crash, for tests of
        recovery). Returns whether one was running."""
        if not self.meta_file.exists() or self.pid() is None:
            return False
        meta = self.meta()
        self._run([str(Path(meta["bindir"]) / "pg_ctl"), "-D", meta["data_dir"], "-m", mode, "-w", "stop"])
        return True

    def destroy(self) -> None:
        """Stop and delete the cluster's files, its data directory wherever it lives (test clusters,
        `make clean`)."""
        self.stop()
        if self.meta_file.exists():
            data = Path(self.meta()["data_dir"])
            shutil.rmtree(data.parent if data.parent.name.startswith("netra-pg-") else data, ignore_errors=True)
        shutil.rmtree(self.base, ignore_errors=True)

    def dsn(self, database: str) -> str:
        m = self.meta()
        return f"postgresql://{m['user']}:{m['password']}@127.0.0.1:{m['port']}/{database}"

    def status(self) -> dict:
        if not self.meta_file.exists():
            return {"state": "absent", "base": str(self.base)}
        m = self.meta()
        pid = self.pid()
        return {"state": "running" if pid else "stopped", "pid": pid, "port": m["port"],
                "data_dir": m["data_dir"], "log": str(self.log_file)}


def _postmaster_alive(data: Path) -> bool:
    try:
        os.kill(int((data / "postmaster.pid").read_text().splitlines()[0]), 0)
    except PermissionError:         # another user's live process
        return True
    except (OSError, ValueError, IndexError):
        return False
    return True


def sweep_orphans(root: Path = SCRATCH) -> list[Path]:
    """Remove the data directories Netra made under `root` for clusters that no longer exist (a
    killed test session leaves its 1 GB or so there): those whose owning cluster directory is gone
    or no longer points at them, and whose server is not running. Returns what was removed;
    directories without Netra's owner mark are never touched."""
    removed = []
    for d in sorted(root.glob("netra-pg-*")):
        try:
            base = Path(json.loads((d / OWNER_FILE).read_text())["base"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
        try:
            in_use = Path(json.loads((base / "cluster.json").read_text())["data_dir"]).parent == d
        except (OSError, ValueError, KeyError, TypeError):
            in_use = base.is_dir()          # a cluster still being made writes cluster.json last
        if in_use or _postmaster_alive(d / "pgdata"):
            continue
        shutil.rmtree(d, ignore_errors=True)
        removed.append(d)
    return removed
