"""Placeholder: the costs blueprint (being written)."""

from flask import Blueprint

bp = Blueprint("costs", __name__)
