"""Reads of the reports app. Dashboards and reports only read through the other apps' scoped
queries (plans, movements, exemplars, awards), narrowed by a ``scope.Filter``:

- ``propaganda``: activities, meetings and any registered source by month, channel, unit, content
- ``plans``: task progress and overdue work
- ``movements``: movements, owed work, registrations
- ``exemplars``: exemplars by stage, found, recognised, coverage
- ``awards``: awardees by title, level, unit, year
- ``reports``: the periodic reports a user may read
"""
