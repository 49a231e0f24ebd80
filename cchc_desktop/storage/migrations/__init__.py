"""Alembic migrations shipped inside the package (forward-only, one per schema change)."""
