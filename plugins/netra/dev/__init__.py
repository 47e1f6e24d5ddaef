"""The development harness: the demo, the embedded PostgreSQL cluster, the benchmarks and the
sample generator. The runtime (DAGs and the rest of `netra`) never imports it."""
