"""Compact PNG for the report pages: figures as palette images, a third of their size.

Figures are flat colours, text and lines, so 256 colours chosen by median cut (Pillow, which
matplotlib already needs) look the same as the full-colour PNG at about 35-40% of its bytes.
The bytes depend only on the input image: same figure, same page. The files in `figures/` stay
full-colour; only what the pages embed is compacted.
"""

from __future__ import annotations

import base64
import io

from PIL import Image

PALETTE_COLOURS = 256


def compact_png(data: bytes, max_width: int | None = None) -> bytes:
    """A PNG re-encoded with a 256-colour palette on white, no metadata, optionally scaled down
    to at most `max_width` pixels wide. A result larger than the input returns the input."""
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        if image.mode in ("RGBA", "LA", "P") or "transparency" in image.info:
            rgba = image.convert("RGBA")
            flat = Image.new("RGB", rgba.size, "white")
            flat.paste(rgba, mask=rgba.getchannel("A"))
        else:
            flat = image.convert("RGB")
    if max_width and flat.width > max_width:
        flat = flat.resize((max_width, round(flat.height * max_width / flat.width)), Image.Resampling.LANCZOS)
    palette = flat.quantize(PALETTE_COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    out = io.BytesIO()
    palette.save(out, format="PNG", compress_level=9)
    compact = out.getvalue()
    return compact if len(compact) < len(data) else data


def compact_png_base64(encoded: str) -> str:
    """`compact_png` of a base64-encoded PNG (as notebooks store them), base64-encoded."""
    return base64.b64encode(compact_png(base64.b64decode(encoded))).decode("ascii")


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def is_palette_png(data: bytes) -> bool:
    """Whether PNG bytes (at least the first 26) are a palette image, as `compact_png` writes
    them: colour type 3 in the header."""
    return data.startswith(PNG_SIGNATURE) and len(data) > 25 and data[25] == 3


def compact_notebook_images(notebook) -> int:
    """Replace every PNG output of a notebook (an nbformat node) by its compact form, except
    those already compact (palette images, such as the figures `style.save_figure` shows);
    return how many were replaced."""
    replaced = 0
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" in data and not is_palette_png(base64.b64decode(data["image/png"][:64])):
                data["image/png"] = compact_png_base64(data["image/png"])
                replaced += 1
    return replaced
