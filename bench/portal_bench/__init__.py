"""Settings, URLs and a plain Wagtail page type for bench/bench_portal.py (not part of the
product: loaded only with PYTHONPATH=bench and DJANGO_SETTINGS_MODULE=portal_bench.settings)."""
