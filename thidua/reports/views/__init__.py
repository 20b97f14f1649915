"""Views of the reports app: the dashboards (dashboards.py) and periodic reports (reports.py)."""
