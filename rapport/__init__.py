"""The staff dashboard and the annual activity report.

Top of the dependency graph: it reads every other app (annuaire, documentation,
actions, newsletter, and statistiques when installed); no app imports it.
"""
