"""A horizontal bar chart drawn with plain QPainter, each segment clickable.

Why not QtCharts: it ships in PySide6-Addons, a second wheel (6.12.0: 59 MB to download,
157 MB installed beside the 246 MB of PySide6-Essentials) that every install and CI run would
carry for three bar charts, of which QtCharts itself is 3.3 MB (libQt6Charts 2.2 MB and its
binding). matplotlib would bring numpy and its fonts. Rows of stacked segments in the one
status palette are a hundred lines of painting.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from cchc_desktop.domain.status import color_of


@dataclass(frozen=True, slots=True)
class Segment:
    key: str  # what a click on it asks for
    count: int
    tip: str
    color: str = ""  # a palette key; default: ``key``


@dataclass(frozen=True, slots=True)
class Badge:
    key: str
    text: str
    color: str


@dataclass(frozen=True, slots=True)
class Row:
    key: str  # the row's identity in a click (a unit, a period)
    label: str
    segments: list[Segment]
    note: str = ""  # after the bar: "3/5 · 60 %"
    badges: list[Badge] = field(default_factory=list)


class BarChart(QWidget):
    picked = Signal(str, str)  # row key, segment or badge key ("" for the row's label)

    ROW_HEIGHT = 26

    def __init__(self, label_width: int = 180, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []
        self.label_width = label_width
        self.scale = 0  # the count a full bar stands for; 0: the largest row's total
        self._hits: list[tuple[QRect, str, str, str]] = []  # rect, row, key, tip
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_rows(self, rows: list[Row], scale: int = 0) -> None:
        self.rows, self.scale = rows, scale
        self.setFixedHeight(max(1, len(rows)) * self.ROW_HEIGHT + 4)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(500, max(1, len(self.rows)) * self.ROW_HEIGHT + 4)

    def hit_rects(self) -> list[tuple[QRect, str, str]]:
        """(rectangle, row key, segment key) of what can be clicked: for tests."""
        return [(r, row, key) for r, row, key, _tip in self._hits]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        metrics = self.fontMetrics()
        self._hits = []
        badge_room = max(
            (sum(metrics.horizontalAdvance(b.text) + 14 for b in r.badges) for r in self.rows),
            default=0,
        )
        note_room = max((metrics.horizontalAdvance(r.note) + 10 for r in self.rows), default=0)
        label_w = min(self.label_width, self.width() // 3)
        bar_x = label_w + 8
        bar_w = max(40, self.width() - bar_x - note_room - badge_room - 4)
        scale = self.scale or max((sum(s.count for s in r.segments) for r in self.rows), default=0)
        for i, row in enumerate(self.rows):
            y = 2 + i * self.ROW_HEIGHT
            label_rect = QRect(0, y, label_w, self.ROW_HEIGHT - 4)
            text = metrics.elidedText(row.label, Qt.TextElideMode.ElideRight, label_w)
            painter.setPen(self.palette().text().color())
            painter.drawText(label_rect, Qt.AlignmentFlag.AlignVCenter, text)
            self._hits.append((label_rect, row.key, "", row.label))
            x = bar_x
            bar_h = self.ROW_HEIGHT - 8
            track = QRect(bar_x, y + 2, bar_w, bar_h)
            painter.fillRect(track, QColor("#F4F4F4"))
            for seg in row.segments:
                if not seg.count or not scale:
                    continue
                w = max(2, round(bar_w * seg.count / scale))
                rect = QRect(x, y + 2, w, bar_h)
                fill = QColor(f"#{color_of(seg.color or seg.key)}")
                painter.fillRect(rect, fill)
                painter.setPen(QPen(fill.darker(150)))
                painter.drawRect(rect.adjusted(0, 0, -1, -1))
                if metrics.horizontalAdvance(str(seg.count)) + 6 < w:
                    painter.setPen(QColor("#222222"))
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(seg.count))
                self._hits.append((rect, row.key, seg.key, seg.tip))
                x += w
            painter.setPen(self.palette().text().color())
            nx = bar_x + bar_w + 8
            painter.drawText(
                QRect(nx, y, note_room, self.ROW_HEIGHT - 4),
                Qt.AlignmentFlag.AlignVCenter,
                row.note,
            )
            bx = nx + note_room
            for badge in row.badges:
                w = metrics.horizontalAdvance(badge.text) + 10
                rect = QRect(bx, y + 2, w, bar_h)
                fill = QColor(f"#{color_of(badge.color)}")
                painter.fillRect(rect, fill)
                painter.setPen(QPen(fill.darker(150)))
                painter.drawRect(rect.adjusted(0, 0, -1, -1))
                painter.setPen(QColor("#222222"))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, badge.text)
                self._hits.append((rect, row.key, badge.key, badge.text))
                bx += w + 4
        painter.end()

    def _hit(self, event: QMouseEvent) -> tuple[str, str, str] | None:
        point = event.position().toPoint()
        for rect, row, key, tip in self._hits:
            if rect.contains(point):
                return row, key, tip
        return None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hit = self._hit(event)
        self.setCursor(Qt.CursorShape.PointingHandCursor if hit else Qt.CursorShape.ArrowCursor)
        if hit and hit[2]:
            QToolTip.showText(event.globalPosition().toPoint(), hit[2], self)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        hit = self._hit(event)
        if hit is not None and event.button() == Qt.MouseButton.LeftButton:
            self.picked.emit(hit[0], hit[1])
