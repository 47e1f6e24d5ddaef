"""The case desk: a web application where case officers and supervisors work cases on the
warehouse, connected as their own PostgreSQL login, so the database decides what each may see and
do (grants, row-level security, the workflow's trigger). `app.create_app` builds it; `serve` runs
it with uvicorn (`netra desk`); netra_desk_plugin mounts it in Airflow's api-server."""
