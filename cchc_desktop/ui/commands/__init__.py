"""Undoable edits: each command replays services and patches the open plan's cache."""
