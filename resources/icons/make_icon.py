"""Draw the application icon with QPainter and write cchc-desktop.png and cchc-desktop.ico.

Run from the project root:  python resources/icons/make_icon.py
The outputs are committed; run this again only to change the drawing. The .ico holds PNG
images at 16, 24, 32, 48, 64, 128 and 256 px (the format Windows Vista and later read).
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

HERE = Path(__file__).resolve().parent
SIZES = (16, 24, 32, 48, 64, 128, 256)


def draw(size: int) -> QImage:
    """A blue tile, a white page with text lines, and a green tick: a plan being done."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    s = size / 256.0
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#1F4E79"))
    p.drawRoundedRect(QRectF(8 * s, 8 * s, 240 * s, 240 * s), 44 * s, 44 * s)
    page = QPainterPath()
    page.moveTo(64 * s, 40 * s)
    page.lineTo(156 * s, 40 * s)
    page.lineTo(196 * s, 80 * s)
    page.lineTo(196 * s, 216 * s)
    page.lineTo(64 * s, 216 * s)
    page.closeSubpath()
    p.setBrush(QColor("#FFFFFF"))
    p.drawPath(page)
    fold = QPainterPath()
    fold.moveTo(156 * s, 40 * s)
    fold.lineTo(156 * s, 80 * s)
    fold.lineTo(196 * s, 80 * s)
    fold.closeSubpath()
    p.setBrush(QColor("#BDD7EE"))
    p.drawPath(fold)
    if size >= 32:  # text lines vanish into noise on the smallest sizes
        p.setBrush(QColor("#8EA9C1"))
        for i, width in enumerate((96, 104, 80, 56)):
            p.drawRoundedRect(QRectF(84 * s, (98 + i * 24) * s, width * s, 10 * s), 5 * s, 5 * s)
    p.setBrush(QColor("#C00000"))  # the red of the national emblem on a document's header
    p.drawEllipse(QPointF(84 * s, 68 * s), 12 * s, 12 * s)
    p.setBrush(QColor("#2E9E4F"))
    p.drawEllipse(QPointF(184 * s, 184 * s), 52 * s, 52 * s)
    pen = QPen(QColor("#FFFFFF"), 15 * s)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    tick = QPainterPath()
    tick.moveTo(160 * s, 186 * s)
    tick.lineTo(178 * s, 204 * s)
    tick.lineTo(210 * s, 164 * s)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(tick)
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico_bytes(images: list[QImage]) -> bytes:
    """An .ico with one PNG entry per image (ICONDIR, ICONDIRENTRY × n, then the data)."""
    blobs = [png_bytes(img) for img in images]
    offset = 6 + 16 * len(blobs)
    header = struct.pack("<HHH", 0, 1, len(blobs))
    entries = b""
    for img, blob in zip(images, blobs, strict=True):
        side = img.width() if img.width() < 256 else 0  # 0 means 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
    return header + entries + b"".join(blobs)


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    del app
    images = [draw(size) for size in SIZES]
    (HERE / "cchc-desktop.png").write_bytes(png_bytes(images[-1]))
    (HERE / "cchc-desktop.ico").write_bytes(ico_bytes(images))
    print(HERE / "cchc-desktop.png")
    print(HERE / "cchc-desktop.ico")
    return 0


if __name__ == "__main__":
    sys.exit(main())
