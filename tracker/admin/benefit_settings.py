"""Placeholder: benefit settings (being written)."""
