"""Importing agencies and people from an Excel workbook.

upload.py checks the file; layout.py describes the two sheets; reader.py reads them into typed
rows and row errors; plan.py decides, against the database, what each row will do; apply.py
writes the plan through the org services; template.py generates the blank workbook;
progress.py reports progress. The services that tie these together (import_start,
import_validate, import_confirm, import_apply) are in thidua.org.services.imports.
"""
