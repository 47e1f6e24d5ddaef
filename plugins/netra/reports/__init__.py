"""The daily and weekly reports (HTML and PDF, in Bahasa Indonesia, in the city's zone) and their
index, written from the warehouse after each window: figures with their trend, charts rendered to
static SVG and PNG, the OPDs' neutrality scorecard, and the window's new findings for case
officers (employees by pseudonym only).

files: where each report lives and which windows are due; period: a report's span; figures,
scorecard, casework: what the warehouse says; charts, pages, pdf: how it is drawn; write: one
window's reports, its week's and the index, at once.
"""
