DROP TABLE ops.fetch_outcome;
