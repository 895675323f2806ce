"""The ceiling: a bare Django project served beside junkan in the same bench run.

Two pages: ``/trivial/`` (a short text response, no database, no template) and ``/rows/`` (50 rows
of a SQLite table rendered by a template). Every junkan page is reported as a ratio of its throughput
to ``/rows/`` measured in alternating rounds, so that load from other processes cancels out.
"""
