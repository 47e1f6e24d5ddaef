"""The `netra` command (main.py). It stands between the runtime and the development harness:
where no `netra_warehouse` connection is configured, it provides the embedded cluster's."""
