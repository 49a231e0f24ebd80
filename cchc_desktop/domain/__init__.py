"""Entities, value types and pure rules of a CCHC plan. No I/O, no Qt."""
