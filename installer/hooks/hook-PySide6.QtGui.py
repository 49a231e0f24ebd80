"""Override of PyInstaller's QtGui hook: collect only the Qt plugins CCHC Desktop needs.

Filtering here, before PyInstaller scans binaries for their dependencies, also keeps out what
the dropped plugins would drag in (the GTK theme pulls in GTK, cairo and pango; eglfs pulls
in EGL device integration). The keep-list lives in installer/buildinfo.py.
"""

import buildinfo
from PyInstaller.utils.hooks.qt import add_qt6_dependencies

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [entry for entry in binaries if buildinfo.keep_qt_file(entry[0])]
datas = [entry for entry in datas if buildinfo.keep_qt_file(entry[0])]
