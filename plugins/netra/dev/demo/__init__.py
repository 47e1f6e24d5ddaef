"""`make demo`: the whole sample campaign through real Airflow on this machine, then a summary.

run.py runs it; environment.py gives Airflow its settings, secrets and connections;
processes.py starts and stops the processes the demo owns; metadata.py reads Airflow's database
for how the runs went; summary.py prints what the warehouse holds at the end; teardown.py is
`make demo-stop` and `make clean`.
"""


def say(msg: str) -> None:
    print(f"[netra demo] {msg}", flush=True)
