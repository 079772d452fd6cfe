"""Small embedded copies of images (figure thumbnails, the owner's avatar) as ``data:`` URIs.

The page must stay one self-contained file that works from disk and on GitHub Pages, so
pictures go inside it. A full-size figure (100-300 KB) per card would make the page heavy;
a downscaled copy is a few tens of KB. Pillow does the downscaling when it is installed (it
comes with matplotlib, which every generated project uses); it is imported only here, inside
the function. Without it, a small original is embedded as it is and a large one is left out.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass

MAX_WIDTH = 480
MAX_HEIGHT = 320
MAX_RAW_BYTES = 120_000  # embedded unchanged only up to this size (no Pillow, or already small)
MAX_INPUT_BYTES = 20_000_000  # larger files are not opened at all
MAX_PIXELS = 40_000_000  # a decompression bomb is refused, not decoded
_MIME = {b"\x89PNG": "image/png", b"\xff\xd8\xff": "image/jpeg", b"GIF8": "image/gif", b"RIFF": "image/webp"}


@dataclass(frozen=True)
class Thumbnail:
    """A ``data:`` URI and the size it displays at."""

    uri: str
    width: int | None
    height: int | None


def sniff(data: bytes) -> str | None:
    """The image type from its first bytes (never from the file name), or None for anything else."""
    for magic, mime in _MIME.items():
        if data.startswith(magic) and (mime != "image/webp" or data[8:12] == b"WEBP"):
            return mime
    return None


def thumbnail(data: bytes, max_width: int = MAX_WIDTH, max_height: int = MAX_HEIGHT) -> Thumbnail | None:
    """A downscaled PNG of ``data`` as a data URI; None when it is not an image we can embed."""
    mime = sniff(data)
    if mime is None or len(data) > MAX_INPUT_BYTES:
        return None
    scaled = _downscale(data, max_width, max_height)
    if scaled is not None:
        return scaled
    if len(data) > MAX_RAW_BYTES:
        return None
    return Thumbnail(_uri(mime, data), None, None)


def _downscale(data: bytes, max_width: int, max_height: int) -> Thumbnail | None:
    """Pillow's thumbnail, flattened on white and reduced to a palette (plots have few colours)."""
    try:
        from PIL import Image
    except ImportError:
        return None
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                return None
            image.draft("RGB", (max_width, max_height))  # JPEG: decode at a reduced size
            picture = image.convert("RGBA")
        picture.thumbnail((max_width, max_height), Image.Resampling.LANCZOS)
        flat = Image.new("RGB", picture.size, "white")
        flat.paste(picture, mask=picture.getchannel("A"))
        small = flat.quantize(colors=128, method=Image.Quantize.MEDIANCUT)
        buffer = io.BytesIO()
        small.save(buffer, format="PNG", optimize=True)
    except (OSError, ValueError, Image.DecompressionBombError, SyntaxError):
        return None  # truncated or unreadable: no thumbnail rather than a failed index
    return Thumbnail(_uri("image/png", buffer.getvalue()), flat.width, flat.height)


def _uri(mime: str, data: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
