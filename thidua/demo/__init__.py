"""Demo data: a province after the 2025 reorganisation, loaded by ``manage.py load_demo``."""
