"""Stage 5, cohorts: one project per student of a roster, and one report for the class.

Takes in: a roster CSV (``roster``) and a catalog entry. Hands on: rendered (and optionally
published) projects, rendered in one process (``batch``), with a resumable status file
(``runs``), and the class report in CSV and HTML (``report``).
"""
