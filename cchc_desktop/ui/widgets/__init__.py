"""Reusable widgets: commit-on-leave editors, pickers, delegates, the message banner."""
