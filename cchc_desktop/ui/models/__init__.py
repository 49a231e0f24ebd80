"""Qt item models over the open plan: each reads the cache, edits through commands."""
