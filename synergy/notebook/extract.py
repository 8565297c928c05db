"""PDF extracts of chosen entries, for court or disclosure (reportlab).

The same entries always give the same bytes: reportlab's invariant mode fixes the dates and
document id it would otherwise vary, and nothing time-dependent is printed. So
`verify_extract()` can rebuild an extract from the notebook and compare it byte for byte.
The extract's hash covers the officer and each entry's number and hash; it is printed on
every page and carried, with the entry numbers, in the PDF's keywords so that the file
names what to rebuild.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen.canvas import Canvas

from synergy.notebook.presenting import uk_time
from synergy.notebook.schemas import Drawing, canonical_json
from synergy.notebook.service import EntryView

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
TOP = PAGE_HEIGHT - 28 * mm
BOTTOM = 22 * mm
WIDTH = PAGE_WIDTH - 2 * MARGIN
FONT, BOLD, MONO, SIZE, LEADING = "Helvetica", "Helvetica-Bold", "Courier", 10, 13
MANIFEST_PREFIX = "synergy-notebook-extract:"

Draw = Callable[[Canvas, float], None]


@dataclass(frozen=True)
class Block:
    """Something drawn below the previous block; `draw(canvas, top_y)`."""

    height: float
    draw: Draw
    keep_with_next: float = 0.0  # room needed below it, so a heading is not left alone


def extract_hash(officer: str, entries: list[EntryView]) -> str:
    body = {"officer": officer, "entries": [[e.seq, e.entry_hash] for e in entries]}
    return hashlib.sha256(canonical_json(body)).hexdigest()


def _text(line: str, *, font: str = FONT, size: int = SIZE, struck: bool = False) -> Block:
    def draw(canvas: Canvas, top: float) -> None:
        canvas.setFont(font, size)
        canvas.drawString(MARGIN, top - size, line)
        if struck and line.strip():
            y = top - size + size * 0.3
            canvas.line(MARGIN, y, MARGIN + canvas.stringWidth(line, font, size), y)

    return Block(LEADING if size <= SIZE else size + 5, draw)


def _paragraph(text: str, **style: object) -> list[Block]:
    font = str(style.get("font", FONT))
    lines: list[str] = []
    for raw in text.splitlines() or [""]:
        lines.extend(simpleSplit(raw, font, SIZE, WIDTH) or [""])
    return [_text(line, **style) for line in lines]  # type: ignore[arg-type]


def _drawing(drawing: Drawing, max_height: float) -> Block:
    scale = min(WIDTH / drawing.width, max_height / drawing.height)
    width, height = drawing.width * scale, drawing.height * scale

    def draw(canvas: Canvas, top: float) -> None:
        canvas.rect(MARGIN, top - height, width, height)
        canvas.setLineWidth(1.2)
        for stroke in drawing.strokes:
            points = [(MARGIN + x * scale, top - y * scale) for x, y in stroke]
            path = canvas.beginPath()
            path.moveTo(*points[0])
            for point in points[1:]:
                path.lineTo(*point)
            canvas.drawPath(path, stroke=1, fill=0)
        canvas.setLineWidth(1)

    return Block(height + 4, draw)


def _photo(data: str) -> Block:
    image = ImageReader(io.BytesIO(base64.b64decode(data)))
    pixels_wide, pixels_high = image.getSize()
    scale = min(WIDTH / pixels_wide, 70 * mm / pixels_high)
    width, height = pixels_wide * scale, pixels_high * scale

    def draw(canvas: Canvas, top: float) -> None:
        canvas.drawImage(image, MARGIN, top - height, width, height)

    return Block(height + 4, draw)


def _entry_blocks(entry: EntryView) -> list[Block]:
    title = f"Entry {entry.seq} ({entry.reference})"
    if entry.corrects_seq:
        title += f" - correction of entry {entry.corrects_seq}"
    heading = _text(title, font=BOLD, size=12)
    blocks = [Block(heading.height, heading.draw, keep_with_next=3 * LEADING)]
    blocks += _paragraph(
        f"Written {uk_time(entry.device_time)} (device); "
        f"saved {uk_time(entry.server_time)} (server)"
    )
    if entry.struck_through:
        corrected = ", ".join(str(s) for s in entry.corrected_by)
        blocks += _paragraph(f"STRUCK THROUGH: corrected by entry {corrected}", font=BOLD)
    content = entry.content
    if content is None:
        blocks += _paragraph("Destroyed under the retention policy; its hash is kept.")
    else:
        if content.correction_reason:
            blocks += _paragraph(f"Reason for correction: {content.correction_reason}")
        if content.text:
            blocks += _paragraph(content.text, struck=entry.struck_through)
        if content.sketch:
            blocks.append(_drawing(content.sketch.drawing, 60 * mm))
            blocks += _paragraph(f"Sketch: {content.sketch.description}")
        for signature in content.signatures:
            if signature.drawing:
                blocks.append(_drawing(signature.drawing, 25 * mm))
            blocks += _paragraph(f"Signed by {signature.name} ({signature.role.value})")
        for photo in content.photos:
            blocks.append(_photo(photo.data))
            blocks += _paragraph(f"Photo: {photo.description}")
        if content.location:
            where = content.location
            blocks += _paragraph(f"Location: {where.latitude:.5f}, {where.longitude:.5f}")
    if entry.incidents:
        blocks += _paragraph(f"Attached to incident {', '.join(entry.incidents)}")
    blocks += _paragraph(f"Entry hash: {entry.entry_hash}", font=MONO)
    blocks.append(
        Block(LEADING, lambda canvas, top: canvas.line(MARGIN, top - 6, MARGIN + WIDTH, top - 6))
    )
    return blocks


def _pages(blocks: list[Block]) -> list[list[Block]]:
    pages: list[list[Block]] = [[]]
    room = TOP - BOTTOM
    for block in blocks:
        if block.height + block.keep_with_next > room and pages[-1]:
            pages.append([])
            room = TOP - BOTTOM
        pages[-1].append(block)
        room -= block.height
    return pages


def build_extract(officer: str, officer_name: str, entries: list[EntryView]) -> bytes:
    digest = extract_hash(officer, entries)
    manifest = {"officer": officer, "entries": [e.seq for e in entries], "hash": digest}
    encoded = base64.urlsafe_b64encode(canonical_json(manifest)).decode()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=True, pageCompression=1)
    canvas.setTitle(f"Pocket notebook extract: {officer_name}")
    canvas.setAuthor(officer_name)
    canvas.setKeywords(MANIFEST_PREFIX + encoded)
    blocks = [block for entry in entries for block in _entry_blocks(entry)]
    pages = _pages(blocks)
    for number, page in enumerate(pages, start=1):
        canvas.setFont(BOLD, 11)
        canvas.drawString(
            MARGIN, PAGE_HEIGHT - 16 * mm, f"Pocket notebook extract - {officer_name} ({officer})"
        )
        canvas.setFont(FONT, 8)
        canvas.drawString(
            MARGIN, PAGE_HEIGHT - 21 * mm, f"{len(entries)} entries. Extract hash: {digest}"
        )
        top = TOP
        for block in page:
            block.draw(canvas, top)
            top -= block.height
        canvas.setFont(FONT, 9)
        canvas.drawCentredString(PAGE_WIDTH / 2, 12 * mm, f"Page {number} of {len(pages)}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def read_manifest(pdf: bytes) -> dict[str, object]:
    """The officer, entry numbers and extract hash an extract says it holds."""
    found = re.search(rb"synergy-notebook-extract:([A-Za-z0-9_=-]+)", pdf)
    if found is None:
        raise ValueError("this file is not a notebook extract (no manifest found)")
    manifest: dict[str, object] = json.loads(base64.urlsafe_b64decode(found.group(1)))
    return manifest
