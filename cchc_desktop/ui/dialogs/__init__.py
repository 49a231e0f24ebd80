"""Dialogs: plan chooser, new plan, task, timeframe, unit picker, period, import preview."""
