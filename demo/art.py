"""Product pictures drawn with Pillow, so the demo store downloads nothing."""

import io
import math

from PIL import Image, ImageDraw, ImageFilter

from demo.catalogue import COLOUR_ART, PALETTE_WORDS, SHAPE_WORDS

# (background top, background bottom, object colour, accent)
PALETTES = [
    ("#f3e9dc", "#e2cfb7", "#b4552d", "#2f3e46"),
    ("#e6eef2", "#c7d8e2", "#1f4e79", "#f2b134"),
    ("#eef2e6", "#d3dfc2", "#4a6b3a", "#e07a5f"),
    ("#f6e7ea", "#e8c9cf", "#8e3b52", "#f4d35e"),
    ("#ece9f4", "#d4cde8", "#4b3f72", "#f28f3b"),
    ("#f4efe4", "#e6dcc4", "#2d2a26", "#c0a062"),
    ("#e4f2ef", "#bfe0d9", "#0f766e", "#f2efe9"),
    ("#f7ece1", "#efd4bb", "#d1495b", "#00798c"),
]


def _gradient(size, top, bottom) -> Image.Image:
    top_rgb, bottom_rgb = (
        Image.new("RGB", (1, 1), top).getpixel((0, 0)),
        Image.new("RGB", (1, 1), bottom).getpixel((0, 0)),
    )
    column = Image.new("RGB", (1, size[1]))
    for y in range(size[1]):
        t = y / max(size[1] - 1, 1)
        column.putpixel(
            (0, y), tuple(round(a + (b - a) * t) for a, b in zip(top_rgb, bottom_rgb, strict=True))
        )
    return column.resize(size)


def _shadow(canvas, box):
    layer = Image.new("L", canvas.size, 0)
    ImageDraw.Draw(layer).ellipse(box, fill=70)
    layer = layer.filter(ImageFilter.GaussianBlur(18))
    canvas.paste(Image.new("RGB", canvas.size, "#000000"), mask=layer)


def _tee(draw, s, colour, accent, long_sleeves=False):
    sleeve = 0.30 if long_sleeves else 0.16
    body = [
        (0.36, 0.24),
        (0.44, 0.21),
        (0.56, 0.21),
        (0.64, 0.24),
        (0.80, 0.32),
        (0.80 - 0.02, 0.32 + sleeve),
        (0.70, 0.34 + sleeve - 0.02),
        (0.68, 0.40),
        (0.68, 0.80),
        (0.32, 0.80),
        (0.32, 0.40),
        (0.30, 0.34 + sleeve - 0.02),
        (0.20 + 0.02, 0.32 + sleeve),
        (0.20, 0.32),
    ]
    draw.polygon([(x * s, y * s) for x, y in body], fill=colour)
    draw.arc([0.44 * s, 0.15 * s, 0.56 * s, 0.27 * s], 20, 160, fill=accent, width=int(s * 0.012))


def _mug(draw, s, colour, accent):
    draw.rounded_rectangle([0.30 * s, 0.32 * s, 0.62 * s, 0.76 * s], radius=s * 0.04, fill=colour)
    draw.ellipse([0.56 * s, 0.42 * s, 0.74 * s, 0.64 * s], outline=colour, width=int(s * 0.04))
    draw.rectangle([0.30 * s, 0.44 * s, 0.62 * s, 0.48 * s], fill=accent)


def _lamp(draw, s, colour, accent):
    draw.polygon(
        [(0.36 * s, 0.46 * s), (0.64 * s, 0.46 * s), (0.57 * s, 0.22 * s), (0.43 * s, 0.22 * s)],
        fill=colour,
    )
    draw.rectangle([0.485 * s, 0.46 * s, 0.515 * s, 0.74 * s], fill=accent)
    draw.ellipse([0.38 * s, 0.72 * s, 0.62 * s, 0.80 * s], fill=accent)


def _bag(draw, s, colour, accent):
    draw.arc([0.38 * s, 0.18 * s, 0.62 * s, 0.46 * s], 180, 360, fill=accent, width=int(s * 0.025))
    draw.rounded_rectangle([0.28 * s, 0.32 * s, 0.72 * s, 0.80 * s], radius=s * 0.05, fill=colour)
    draw.rectangle([0.28 * s, 0.44 * s, 0.72 * s, 0.47 * s], fill=accent)


def _bottle(draw, s, colour, accent):
    draw.rounded_rectangle([0.40 * s, 0.30 * s, 0.60 * s, 0.80 * s], radius=s * 0.06, fill=colour)
    draw.rectangle([0.45 * s, 0.18 * s, 0.55 * s, 0.32 * s], fill=colour)
    draw.rectangle([0.44 * s, 0.15 * s, 0.56 * s, 0.20 * s], fill=accent)
    draw.rectangle([0.40 * s, 0.50 * s, 0.60 * s, 0.60 * s], fill=accent)


def _bowl(draw, s, colour, accent):
    draw.chord([0.22 * s, 0.22 * s, 0.78 * s, 0.78 * s], 0, 180, fill=colour)
    draw.ellipse([0.22 * s, 0.44 * s, 0.78 * s, 0.56 * s], fill=accent)
    draw.rectangle([0.42 * s, 0.76 * s, 0.58 * s, 0.80 * s], fill=colour)


def _plant(draw, s, colour, accent):
    for angle in (-60, -30, 0, 30, 60):
        rad = math.radians(angle - 90)
        cx, cy = 0.5 * s + math.cos(rad) * 0.15 * s, 0.52 * s + math.sin(rad) * 0.22 * s
        draw.ellipse([cx - 0.06 * s, cy - 0.11 * s, cx + 0.06 * s, cy + 0.11 * s], fill=colour)
    draw.polygon(
        [(0.36 * s, 0.54 * s), (0.64 * s, 0.54 * s), (0.60 * s, 0.80 * s), (0.40 * s, 0.80 * s)],
        fill=accent,
    )


SHAPES = {
    "tee": _tee,
    "sweater": lambda draw, s, colour, accent: _tee(draw, s, colour, accent, long_sleeves=True),
    "mug": _mug,
    "lamp": _lamp,
    "bag": _bag,
    "bottle": _bottle,
    "bowl": _bowl,
    "plant": _plant,
}


def describe(*, shape: str, palette: int) -> str:
    """What `product_picture` draws, in words, for its alt text."""
    colour, background = PALETTE_WORDS[palette % len(PALETTES)]
    return f"{_a(colour)} {colour} {SHAPE_WORDS[shape]} on a {background} background"


def describe_colour(*, shape: str, colour: str) -> str:
    """What `colour_picture` draws, in words, for its alt text."""
    words = f"{colour.lower()} {SHAPE_WORDS[shape]} on a {COLOUR_ART[colour][4]} background"
    return f"{_a(words)} {words}"


def _a(word: str) -> str:
    return "An" if word[0].lower() in "aeiou" else "A"


def colour_picture(*, shape: str, colour: str, size: int = 800) -> bytes:
    """`shape` painted in one of the demo's named colours, for a variant of that colour."""
    paint, accent, top, bottom, _ = COLOUR_ART[colour]
    return _studio(shape, size, top, bottom, paint, accent)


def product_picture(*, shape: str, palette: int, size: int = 800) -> bytes:
    """A square studio-style picture of `shape`, as JPEG bytes."""
    top, bottom, colour, accent = PALETTES[palette % len(PALETTES)]
    return _studio(shape, size, top, bottom, colour, accent)


def _studio(shape, size, top, bottom, colour, accent) -> bytes:
    canvas = _gradient((size, size), top, bottom)
    _shadow(canvas, [0.26 * size, 0.76 * size, 0.74 * size, 0.86 * size])
    SHAPES[shape](ImageDraw.Draw(canvas), size, colour, accent)
    return _jpeg(canvas)


def banner_picture(
    *, palette: int, shapes: list[str], width: int = 1920, height: int = 1080
) -> bytes:
    """A wide picture with a row of objects on its right, for heroes and stories."""
    top, bottom, colour, accent = PALETTES[palette % len(PALETTES)]
    canvas = _gradient((width, height), top, bottom)
    tile = int(height * 0.8)
    for position, shape in enumerate(reversed(shapes)):
        left = int(width - tile * 0.7 * (position + 1) - tile * 0.25)
        _shadow(
            canvas,
            [
                left + 0.26 * tile,
                0.1 * height + 0.76 * tile,
                left + 0.74 * tile,
                0.1 * height + 0.86 * tile,
            ],
        )
        layer = Image.new("RGBA", (tile, tile), (0, 0, 0, 0))
        SHAPES[shape](ImageDraw.Draw(layer), tile, colour, accent)
        canvas.paste(layer, (left, int(0.1 * height)), layer)
    return _jpeg(canvas)


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85, optimize=True)
    return buffer.getvalue()
