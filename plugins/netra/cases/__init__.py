"""The case desk's domain: findings grouped into cases that move through the BKPSDM workflow
(workflow.py, as data) on the legal clock (clock.py), every step written to the audit trail."""
