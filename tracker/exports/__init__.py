"""Exports of the organisation's data as CSV and XLSX, for leaders and admins."""
