"""Override of PyInstaller's QtCore hook: leave out Qt's translations except Vietnamese.

The window's texts are Vietnamese in the code; Qt ships no Vietnamese qtbase catalogue today,
so this normally drops all 7 MB of .qm files, and picks one up if a future Qt adds it.
"""

import buildinfo
from PyInstaller.utils.hooks.qt import add_qt6_dependencies

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [entry for entry in binaries if buildinfo.keep_qt_file(entry[0])]
datas = [entry for entry in datas if buildinfo.keep_qt_file(entry[0])]
