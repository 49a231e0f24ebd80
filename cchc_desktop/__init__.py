"""CCHC Desktop: yearly CCHC plans, quarterly check-ins and Decree 30 documents, offline."""

__version__ = "0.1.0"
