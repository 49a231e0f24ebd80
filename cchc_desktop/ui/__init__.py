"""The Qt window (PySide6). The only package, with app.py, that imports Qt."""
