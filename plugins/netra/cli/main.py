"""The `netra` command: migrations, the registry, scoring and normalizing files, and the
development harness (the embedded cluster, the sample, the demo, the benchmarks)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from netra import platforms, settings
from netra.cli import connect


def cmd_db(args) -> int:
    cluster = connect.cluster()
    if args.action == "start":
        meta = cluster.start(databases=("netra", "airflow"))
        print(f"PostgreSQL running on 127.0.0.1:{meta['port']} (data {meta['data_dir']})")
    elif args.action == "stop":
        print("stopped" if cluster.stop() else "not running")
    elif args.action == "status":
        print(json.dumps(cluster.status(), indent=2))
    elif args.action == "url":
        print(cluster.dsn(args.database))
    return 0


def cmd_migrate(args) -> int:
    from netra import schema

    schema.migrate(connect.warehouse_url())
    print("warehouse at head revision")
    return 0


def cmd_sample(args) -> int:
    out = Path(args.out) if args.out else settings.state() / "sample"
    if args.action == "serve-api":
        import threading

        from netra.dev.sample.fakeapi import SampleApi, serve

        server = serve(SampleApi(out / "landing", settings.timezone(), settings.fake_api_token()), port=args.port)
        print(f"fake platform APIs on http://127.0.0.1:{server.server_address[1]}", flush=True)
        threading.Event().wait()
    from netra.dev.sample import generate

    summary = generate(args.seed, out, Path(args.election), employees=args.employees)
    print(json.dumps(summary, indent=2))
    return 0


def cmd_registry(args) -> int:
    """Pseudonyms keyed by the netra_pseudonym_key connection; on the embedded development
    cluster (no connections configured), by the demo's own key."""
    from netra import pseudonym, registry, warehouse

    key = None
    if not (settings.warehouse_conn() or settings.airflow_conn(pseudonym.KEY_CONN)):
        from netra.dev.demo import environment

        key = environment.pseudonym_key()
    counts = registry.load_registry(warehouse.engine(connect.warehouse_url()), Path(args.dir), key, actor="netra registry")
    print(json.dumps(counts))
    return 0


def cmd_election(args) -> int:
    from netra import registry, warehouse

    for f in args.files:
        e = registry.load_election_file(warehouse.engine(connect.warehouse_url()), Path(f), actor="netra registry")
        print(f"{e.id}: {len(e.candidates)} candidate pairs")
    return 0


def cmd_demo(args) -> int:
    from netra.dev.demo import environment, run, teardown

    if args.action == "stop":
        teardown.stop()
        return 0
    if args.action == "clean":
        teardown.clean()
        return 0
    if args.action == "credentials":
        print(environment.credentials())
        return 0
    if args.action == "env":
        import shlex

        # Not the demo's process mark: `netra demo stop` would stop what this shell starts.
        for key, value in sorted(environment.airflow_env(environment.cluster(), run.current_source()).items()):
            if key.startswith(("AIRFLOW", "NETRA", "GX_")) and key != environment.OWNER:
                print(f"export {key}={shlex.quote(value)}")
        return 0
    return run.run(source=args.source, unpause=args.unpause, executor=args.executor)


def cmd_desk(args) -> int:
    """The desk on the configured warehouse, else the embedded cluster's; users log in as themselves."""
    from netra.desk import app

    print(f"case desk on http://{args.host}:{args.port}/", flush=True)
    app.serve(args.host, args.port, connect.warehouse_url)
    return 0


def cmd_retention(args) -> int:
    """What netra_retention does for a day, by hand; --dry-run only counts."""
    import datetime as dt

    from netra import retention, warehouse

    day = dt.date.fromisoformat(args.day) if args.day else dt.date.today()
    engine, policy = warehouse.engine(connect.warehouse_url()), retention.load()
    counts = (retention.plan if args.dry_run else retention.apply)(engine, policy, day)
    print(json.dumps({"day": day.isoformat(), "dry_run": args.dry_run, **counts}, indent=2))
    return 0


def cmd_score(args) -> int:
    from netra.rules.score import score_lines

    with open(args.inp, "rb") as src, open(args.out, "wb") as out:
        counts = score_lines(src, out, Path(args.election), explain=args.explain)
    print(json.dumps(counts), file=sys.stderr)
    return 0


def cmd_normalize(args) -> int:
    from netra.cli.normalize import normalize_file

    with open(args.out, "w", encoding="utf-8") as out:
        counts = normalize_file(args.platform, Path(args.inp), out, comments_of=args.comments_of,
                                account=args.account, registry=Path(args.registry) if args.registry else None)
    print(json.dumps(counts), file=sys.stderr)
    return 0


def cmd_eval(args) -> int:
    import subprocess
    import tempfile

    from netra.rules import evaluation

    if args.set:
        posts_path, election = Path(args.set) / "posts.jsonl", Path(args.election) if args.election else None
    elif args.posts:
        posts_path, election = Path(args.posts), Path(args.election) if args.election else None
    else:
        print("netra: pass --set DIR or --posts FILE", file=sys.stderr)
        return 2
    try:
        posts, files = evaluation.load_set(posts_path, election)
    except (OSError, evaluation.LabelledSetError) as exc:
        print(f"netra: {exc}", file=sys.stderr)
        return 2
    try:
        rows = evaluation.score(posts, files)
    except evaluation.LabelledSetError as exc:
        print(f"netra: {exc}", file=sys.stderr)
        return 2
    result = evaluation.evaluate(posts, rows)
    if args.json:
        print(json.dumps({**result.figures(), "per_category": result.per_category, "errors": result.errors},
                         ensure_ascii=False))
    scorer = Path(args.scorer) if args.scorer else settings.home().parent / "shared" / "eval" / "evaluate.py"
    if scorer.exists():     # the shared scorer must read the same figures from the same findings
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row) + "\n")
        shared = subprocess.run([sys.executable, str(scorer), str(posts_path), out.name, "--json"],
                                capture_output=True, text=True)
        Path(out.name).unlink()
        theirs = json.loads(shared.stdout) if shared.returncode == 0 else {}
        ours = result.figures()
        if any(theirs.get(k) != ours[k] for k in ("precision", "recall", "f1", "attribution")):
            print(f"netra: the shared scorer {scorer} disagrees: {shared.stdout or shared.stderr}", file=sys.stderr)
            return 1
    elif args.scorer:
        print(f"netra: the scorer {scorer} is not there", file=sys.stderr)
        return 2
    if not args.json:
        print(evaluation.report(result))
    return 0


def cmd_bench(args) -> int:
    if args.what == "rules":
        from netra.dev import bench_rules

        print(json.dumps(bench_rules.run(args.posts, args.runs), indent=2))
        return 0
    if args.what == "scale":
        from netra.dev import bench_scale

        print(json.dumps(bench_scale.run(args.regions, args.employees, args.activity, rerun=not args.no_rerun,
                                                        keep=args.keep),
                         indent=2))
        return 0
    from netra.dev import bench

    print(json.dumps(bench.run(days=args.days, one_window=args.one_window), indent=2))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="netra", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("db", help="the embedded PostgreSQL cluster under .netra/pg")
    p.add_argument("action", choices=["start", "stop", "status", "url"])
    p.add_argument("--database", default="netra", help="for `url`: which database")
    p.set_defaults(func=cmd_db)

    p = sub.add_parser("migrate", help="bring the warehouse schema to the newest revision")
    p.set_defaults(func=cmd_migrate)

    p = sub.add_parser("pools", help="print the Airflow pools (one per platform API, one for intake) as JSON "
                                      "for `airflow pools import`")
    p.set_defaults(func=lambda args: print(json.dumps(platforms.pools(), indent=2)) or 0)

    p = sub.add_parser("sample", help="fictional sample data")
    p.add_argument("action", choices=["generate", "serve-api"],
                   help="generate the sample, or serve it as the five platform APIs (the demo's API mode)")
    p.add_argument("--port", type=int, default=0, help="serve-api: the port (default: any free one)")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--out", help="output directory (default .netra/sample)")
    p.add_argument("--employees", type=int, default=3000)
    p.add_argument("--election", default=str(settings.rules_dir() / "elections" / "pilwalkot-puri-segara-2024.yaml"))
    p.set_defaults(func=cmd_sample)

    p = sub.add_parser("registry", help="load the personnel and account registry")
    p.add_argument("action", choices=["load"])
    p.add_argument("--dir", required=True, help="directory with opd.csv, employee.csv, assignment.csv, account.csv")
    p.set_defaults(func=cmd_registry)

    p = sub.add_parser("election", help="load election files into the registry")
    p.add_argument("action", choices=["load"])
    p.add_argument("files", nargs="+")
    p.set_defaults(func=cmd_election)

    p = sub.add_parser("demo", help="run the sample campaign through Airflow (`make demo`), stop it (`make "
                                     "demo-stop`), delete it (`make clean`), print its Airflow login and warehouse "
                                     "DSN, or its Airflow environment for your shell (`eval \"$(netra demo env)\"`)")
    p.add_argument("action", choices=["run", "stop", "clean", "credentials", "env"])
    p.add_argument("--source", choices=["landing", "api"], default="landing",
                   help="run: read the landing files, or collect through the connectors from fake APIs")
    p.add_argument("--unpause", action="store_true",
                   help="run: leave netra_pipeline unpaused, its daily schedule on (it stays paused otherwise)")
    p.add_argument("--executor", choices=["local", "celery"], default="local",
                   help="run: Airflow's LocalExecutor, or Celery workers with Redis (redis-server) as broker")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("score", help="judge posts from JSON lines (see netra.rules.score for the contract)")
    p.add_argument("--election", required=True)
    p.add_argument("--in", dest="inp", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--explain", action="store_true", help="add to each line the references found and every guard that fired")
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("eval", help="score a labelled set: figures, per category, and every error with its evidence and guards")
    p.add_argument("--set", help="a folder with posts.jsonl and election.yaml, or elections/<id>.yaml named by each post's `election`")
    p.add_argument("--posts", help="labelled posts (JSON lines), instead of --set")
    p.add_argument("--election", help="judge every post against this election file")
    p.add_argument("--scorer", help="check the figures with this evaluate.py (default ../shared/eval/evaluate.py, when there)")
    p.add_argument("--json", action="store_true", help="print figures, categories and errors as one JSON object")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("normalize", help="normalize one landed payload file to posts (see netra.cli.normalize)")
    p.add_argument("--platform", required=True, choices=[*platforms.NAMES, "capture", "tips"])
    p.add_argument("--in", dest="inp", required=True, help="API JSON, JSON lines of API pages, capture export or tips CSV")
    p.add_argument("--out", required=True)
    p.add_argument("--comments-of", help="API platforms: the file holds comment pages of this post id")
    p.add_argument("--account", help="API platforms: the account the pages belong to (timeline owner or post author)")
    p.add_argument("--registry", help="registry directory; its account.csv gives owner_type")
    p.set_defaults(func=cmd_normalize)

    p = sub.add_parser("bench", help="measure throughput: the pipeline over the sample in one process, a "
                                     "province's day of about a million posts as one window, or `netra score` "
                                     "over a million sample posts")
    p.add_argument("what", choices=["pipeline", "scale", "rules"])
    p.add_argument("--days", type=int, help="pipeline: only the first N windows")
    p.add_argument("--one-window", action="store_true",
                   help="pipeline: the days as one manual window, then that window again unchanged")
    p.add_argument("--regions", type=int, help="scale: regions in the province (default 10)")
    p.add_argument("--employees", type=int, help="scale: staff per region (default 20,000)")
    p.add_argument("--activity", type=int, help="scale: how many times the sample city's posting rate (default 12)")
    p.add_argument("--no-rerun", action="store_true", help="scale: skip the passes after the first (unchanged, and rederived)")
    p.add_argument("--keep", action="store_true", help="scale: keep the warehouse (database netra_scale) afterwards")
    p.add_argument("--posts", type=int, default=1_000_000, help="rules: how many posts (default 1,000,000)")
    p.add_argument("--runs", type=int, default=3, help="rules: runs, reporting the best and the median (default 3)")
    p.set_defaults(func=cmd_bench)

    p = sub.add_parser("desk", help="serve the case desk alone (it also runs inside Airflow's api-server under /desk)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8090)
    p.set_defaults(func=cmd_desk)

    p = sub.add_parser("retention", help="remove personal data past include/rules/retention.yaml's periods, "
                                          "as DAG netra_retention does daily (holds and open cases kept)")
    p.add_argument("--day", help="the day to reckon from (ISO date; default today)")
    p.add_argument("--dry-run", action="store_true", help="count what would go; remove nothing")
    p.set_defaults(func=cmd_retention)

    from netra.cli import cases, dictionary, exports, users

    cases.register(sub)
    exports.register(sub)
    dictionary.register(sub)
    users.register(sub)

    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except Exception as exc:  # the command line shows the reason, not a traceback
        from netra.dev.cluster import ClusterError
        from netra.registry import RegistryFileError
        from netra.rules.election import ElectionFileError

        if isinstance(exc, (ClusterError, RegistryFileError, ElectionFileError)):
            print(f"netra: {exc}", file=sys.stderr)
            return 2
        if getattr(getattr(exc, "orig", None), "pgcode", None) == "42501":     # insufficient_privilege
            print(f"netra: this login may not read or do that: {str(exc.orig).splitlines()[0]}", file=sys.stderr)
            return 2
        raise


if __name__ == "__main__":
    sys.exit(main())
