"""netra.executor.warm: what a task would load again is loaded once, before the executor forks:
Airflow's plugins (the desk's builds a FastAPI app), the modules the steps import, GX's context and
the election files' rulesets."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

CHILD = textwrap.dedent("""
    import os, sys
    from netra import executor
    executor.warm()
    pid = os.fork()
    if pid == 0:                                     # a task process, as the executor forks it
        from airflow.sdk.listener import get_listener_manager
        get_listener_manager()                       # what each task's startup asks for
        from netra import judge, validate
        from netra.rules import ruleset
        if not all(m in sys.modules for m in executor.PRELOAD):
            os._exit(3)
        if validate.batch_definition.cache_info().currsize != 1:                   # GX's context inherited
            os._exit(4)
        loaded, files = ruleset._load.cache_info(), judge.election_files()
        for path in files.values():
            ruleset.ruleset(path)                    # what a judge task asks for: found, not loaded
        after = ruleset._load.cache_info()
        os._exit(0 if files and loaded.currsize == after.currsize == len(files)
                 and after.hits == loaded.hits + len(files) else 5)
    _, status = os.waitpid(pid, 0)
    print(os.getpid())
    sys.exit(os.waitstatus_to_exitcode(status))
""")
PLUGIN = textwrap.dedent("""
    import os
    from airflow.plugins_manager import AirflowPlugin

    with open(os.environ["LOADS"], "a") as f:
        f.write(f"{os.getpid()}\\n")

    class CountedPlugin(AirflowPlugin):
        name = "counted"
""")


def test_plugins_load_once_before_the_fork_not_in_each_task(tmp_path):
    plugins, loads = tmp_path / "plugins", tmp_path / "loads.txt"
    plugins.mkdir()
    (plugins / "counted_plugin.py").write_text(PLUGIN)
    env = {**os.environ, "AIRFLOW_HOME": str(tmp_path / "home"), "AIRFLOW__CORE__PLUGINS_FOLDER": str(plugins),
           "AIRFLOW__CORE__LOAD_EXAMPLES": "False", "LOADS": str(loads)}
    done = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert loads.read_text().split() == done.stdout.split()[-1:]       # once, by warm(), in the parent


def test_an_election_file_that_does_not_load_leaves_warm_to_the_judge_task(tmp_path, caplog, monkeypatch):
    from netra import judge

    (tmp_path / "broken.yaml").write_text("election: [unclosed\n")
    monkeypatch.setenv("NETRA_ELECTIONS_DIR", str(tmp_path))
    judge.warm()
    assert "rulesets not preloaded" in caplog.text and "broken.yaml" in caplog.text
