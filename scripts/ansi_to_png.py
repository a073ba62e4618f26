#!/usr/bin/env python3
"""Render a terminal capture with ANSI SGR escapes (as `tmux capture-pane -e -p`
prints it) to a PNG, one fixed-size cell per character.

Usage: ansi_to_png.py INPUT.ans OUTPUT.png [--cols 100] [--rows 30] [--font-size 16]

Handles the SGR codes tmux emits: reset, bold, dim, italic, underline (including
the 4:n styles), blink (ignored), reverse, hidden, strikethrough, the 8 standard
and 8 bright foreground/background colours, 256 colours (38;5;n / 48;5;n) and
truecolor (38;2;r;g;b / 48;2;r;g;b, with ';' or ':' separators). Other escape
sequences are skipped. Wide characters take two cells; combining marks join
the previous cell. Box-drawing lines and block elements are drawn as shapes so
borders join up without gaps; everything else is drawn by the font.
"""

import argparse
import glob
import os
import re
import sys
import unicodedata

from PIL import Image, ImageDraw, ImageFont

DEFAULT_BG = (0x1E, 0x1E, 0x1E)
DEFAULT_FG = (0xD4, 0xD4, 0xD4)

# The 16 ANSI colours (VS Code's dark terminal palette).
PALETTE16 = [
    (0x00, 0x00, 0x00), (0xCD, 0x31, 0x31), (0x0D, 0xBC, 0x79), (0xE5, 0xE5, 0x10),
    (0x24, 0x72, 0xC8), (0xBC, 0x3F, 0xBC), (0x11, 0xA8, 0xCD), (0xE5, 0xE5, 0xE5),
    (0x66, 0x66, 0x66), (0xF1, 0x4C, 0x4C), (0x23, 0xD1, 0x8B), (0xF5, 0xF5, 0x43),
    (0x3B, 0x8E, 0xEA), (0xD6, 0x70, 0xD6), (0x29, 0xB8, 0xDB), (0xFF, 0xFF, 0xFF),
]


def color256(n):
    if n < 16:
        return PALETTE16[n]
    if n < 232:
        n -= 16
        levels = (0, 95, 135, 175, 215, 255)
        return (levels[n // 36], levels[(n // 6) % 6], levels[n % 6])
    v = 8 + (n - 232) * 10
    return (v, v, v)


class Style:
    __slots__ = ("fg", "bg", "bold", "dim", "italic", "underline", "reverse", "hidden", "strike")

    def __init__(self):
        self.reset()

    def reset(self):
        self.fg = None  # None = default colour
        self.bg = None
        self.bold = self.dim = self.italic = self.underline = False
        self.reverse = self.hidden = self.strike = False

    def copy(self):
        s = Style.__new__(Style)
        for k in Style.__slots__:
            setattr(s, k, getattr(self, k))
        return s


def parse_extended_color(params, i):
    """params[i] is 38 or 48 (already split on ';'). Returns (colour, next index)."""
    head = params[i]
    if ":" in head:  # colon form: 38:5:n or 38:2:[cs]:r:g:b
        sub = [p for p in head.split(":")]
        try:
            if sub[1] == "5":
                return color256(int(sub[2]) & 255), i + 1
            if sub[1] == "2":
                rgb = [int(x or 0) for x in sub[2:]][-3:]
                if len(rgb) == 3:
                    return tuple(v & 255 for v in rgb), i + 1
        except (IndexError, ValueError):
            pass
        return None, i + 1
    try:
        mode = params[i + 1]
        if mode == "5":
            return color256(int(params[i + 2]) & 255), i + 3
        if mode == "2":
            r, g, b = (int(params[i + k] or 0) & 255 for k in (2, 3, 4))
            return (r, g, b), i + 5
    except (IndexError, ValueError):
        pass
    return None, len(params)


def apply_sgr(style, paramstr):
    params = paramstr.split(";") if paramstr else ["0"]
    i = 0
    while i < len(params):
        p = params[i]
        base = p.split(":")[0]
        code = int(base) if base.isdigit() else 0
        if code in (38, 48, 58):
            colour, i = parse_extended_color(params, i)
            if code == 38:
                style.fg = colour
            elif code == 48:
                style.bg = colour
            continue  # 58 (underline colour) is ignored
        if code == 0:
            style.reset()
        elif code == 1:
            style.bold = True
        elif code == 2:
            style.dim = True
        elif code == 3:
            style.italic = True
        elif code == 4:
            sub = p.split(":")
            style.underline = not (len(sub) > 1 and sub[1] == "0")
        elif code == 7:
            style.reverse = True
        elif code == 8:
            style.hidden = True
        elif code == 9:
            style.strike = True
        elif code == 21:
            style.underline = True
        elif code == 22:
            style.bold = style.dim = False
        elif code == 23:
            style.italic = False
        elif code == 24:
            style.underline = False
        elif code == 27:
            style.reverse = False
        elif code == 28:
            style.hidden = False
        elif code == 29:
            style.strike = False
        elif 30 <= code <= 37:
            style.fg = PALETTE16[code - 30]
        elif code == 39:
            style.fg = None
        elif 40 <= code <= 47:
            style.bg = PALETTE16[code - 40]
        elif code == 49:
            style.bg = None
        elif 90 <= code <= 97:
            style.fg = PALETTE16[code - 90 + 8]
        elif 100 <= code <= 107:
            style.bg = PALETTE16[code - 100 + 8]
        # 5/6 blink, 53 overline and the rest: ignored
        i += 1


ESC_RE = re.compile(
    r"\x1b\[([0-9;:?<=>]*)([@-~])"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    r"|\x1b[PX^_][^\x1b]*\x1b\\"  # DCS/SOS/PM/APC
    r"|\x1b[()*+].|\x1b."  # charset designations and other 2-byte escapes
)


def char_width(ch):
    if unicodedata.combining(ch) or ch in "\u200b\u200c\u200d\ufe0f\ufe0e":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def parse(text, cols, rows):
    """Returns a rows x cols grid of (text, Style, width) cells (None = right half of a wide char)."""
    blank = Style()
    grid = [[(" ", blank, 1) for _ in range(cols)] for _ in range(rows)]
    style = Style()
    x = y = 0
    pos = 0
    while pos < len(text):
        m = ESC_RE.match(text, pos) if text[pos] == "\x1b" else None
        if m:
            if m.group(2) == "m":
                apply_sgr(style, m.group(1))
            pos = m.end()
            continue
        ch = text[pos]
        pos += 1
        if ch == "\n":
            y += 1
            x = 0
            continue
        if ch == "\r" or ch < " " or ch == "\x7f":
            continue
        w = char_width(ch)
        if y >= rows:
            continue
        if w == 0:
            if x > 0:
                px = x - 1
                if grid[y][px] is None and px > 0:
                    px -= 1
                t, s, cw = grid[y][px]
                grid[y][px] = (t + ch, s, cw)
            continue
        if x + w > cols:
            continue  # tmux never wraps a captured line; drop overflow
        grid[y][x] = (ch, style.copy(), w)
        if w == 2:
            grid[y][x + 1] = None
        x += w
    return grid


def find_font(bold=False):
    name = "DejaVuSansMono-Bold.ttf" if bold else "DejaVuSansMono.ttf"
    for pattern in (f"/usr/share/fonts/**/{name}", f"/usr/local/share/fonts/**/{name}",
                    os.path.expanduser(f"~/.local/share/fonts/**/{name}"),
                    os.path.expanduser(f"~/.fonts/**/{name}")):
        hits = sorted(glob.glob(pattern, recursive=True))
        if hits:
            return hits[0]
    return None


def load_fonts(size):
    regular = find_font(False)
    if regular is None:
        print("ansi_to_png: DejaVu Sans Mono not found under /usr/share/fonts; using PIL's default font",
              file=sys.stderr)
        try:
            f = ImageFont.load_default(size=size)
        except TypeError:  # Pillow < 10.1
            f = ImageFont.load_default()
        return f, f, True
    bold = find_font(True) or regular
    return ImageFont.truetype(regular, size), ImageFont.truetype(bold, size), False


# Box drawing: char -> (up, down, left, right) with 1 = light, 2 = heavy. Double lines
# and the rest are left to the font.
BOX = {}


def _box(chars, spec):
    for ch, s in zip(chars, spec):
        BOX[ch] = s


_box("─━│┃", [(0, 0, 1, 1), (0, 0, 2, 2), (1, 1, 0, 0), (2, 2, 0, 0)])
_box("┌┐└┘├┤┬┴┼", [(0, 1, 0, 1), (0, 1, 1, 0), (1, 0, 0, 1), (1, 0, 1, 0), (1, 1, 0, 1),
                   (1, 1, 1, 0), (0, 1, 1, 1), (1, 0, 1, 1), (1, 1, 1, 1)])
_box("┏┓┗┛┣┫┳┻╋", [(0, 2, 0, 2), (0, 2, 2, 0), (2, 0, 0, 2), (2, 0, 2, 0), (2, 2, 0, 2),
                   (2, 2, 2, 0), (0, 2, 2, 2), (2, 0, 2, 2), (2, 2, 2, 2)])
_box("╴╵╶╷", [(0, 0, 1, 0), (1, 0, 0, 0), (0, 0, 0, 1), (0, 1, 0, 0)])
ROUNDED = {"╭": (0, 1, 0, 1), "╮": (0, 1, 1, 0), "╰": (1, 0, 0, 1), "╯": (1, 0, 1, 0)}


def draw_box(draw, ch, x0, y0, cw, chh, fg):
    up, down, left, right = BOX.get(ch) or ROUNDED[ch]  # rounded corners drawn square
    light = max(1, round(cw / 10))
    heavy = light * 2 + 1
    cx, cy = x0 + (cw - light) // 2, y0 + (chh - light) // 2

    def vert(kind, ya, yb):
        th = heavy if kind == 2 else light
        off = (th - light) // 2
        draw.rectangle([cx - off, ya, cx - off + th - 1, yb], fill=fg)

    def horiz(kind, xa, xb):
        th = heavy if kind == 2 else light
        off = (th - light) // 2
        draw.rectangle([xa, cy - off, xb, cy - off + th - 1], fill=fg)

    # Arms run from the cell edge to the centre (and across the line's width).
    if up:
        vert(up, y0, cy + light - 1)
    if down:
        vert(down, cy, y0 + chh - 1)
    if left:
        horiz(left, x0, cx + light - 1)
    if right:
        horiz(right, cx, x0 + cw - 1)


def draw_block(draw, ch, x0, y0, cw, chh, fg, bg):
    o = ord(ch)
    if 0x2581 <= o <= 0x2588:  # lower n/8 blocks, full block
        n = o - 0x2580
        top = y0 + chh - round(chh * n / 8)
        draw.rectangle([x0, top, x0 + cw - 1, y0 + chh - 1], fill=fg)
    elif o == 0x2580:  # upper half
        draw.rectangle([x0, y0, x0 + cw - 1, y0 + chh // 2 - 1], fill=fg)
    elif 0x2589 <= o <= 0x258F:  # left 7/8 .. 1/8 blocks
        n = 0x2590 - o
        draw.rectangle([x0, y0, x0 + round(cw * n / 8) - 1, y0 + chh - 1], fill=fg)
    elif o == 0x2590:  # right half
        draw.rectangle([x0 + cw // 2, y0, x0 + cw - 1, y0 + chh - 1], fill=fg)
    elif o == 0x2594:  # upper eighth
        draw.rectangle([x0, y0, x0 + cw - 1, y0 + max(1, chh // 8) - 1], fill=fg)
    elif o == 0x2595:  # right eighth
        draw.rectangle([x0 + cw - max(1, cw // 8), y0, x0 + cw - 1, y0 + chh - 1], fill=fg)
    elif 0x2591 <= o <= 0x2593:  # light/medium/dark shade: blend, like most terminals
        a = (0.25, 0.5, 0.75)[o - 0x2591]
        mix = tuple(round(b + (f - b) * a) for f, b in zip(fg, bg))
        draw.rectangle([x0, y0, x0 + cw - 1, y0 + chh - 1], fill=mix)
    else:
        return False
    return True


def is_block(ch):
    return len(ch) == 1 and 0x2580 <= ord(ch) <= 0x2595


def render(grid, font, bold_font, fallback, pad):
    if fallback:
        cw, chh = 8, 16
        ascent = 12
        try:
            bbox = font.getbbox("M")
            cw = max(cw, bbox[2] - bbox[0] + 1)
        except Exception:
            pass
    else:
        ascent, descent = font.getmetrics()
        cw = round(font.getlength("M"))
        chh = ascent + descent
    rows, cols = len(grid), len(grid[0])
    img = Image.new("RGB", (cols * cw + 2 * pad, rows * chh + 2 * pad), DEFAULT_BG)
    draw = ImageDraw.Draw(img)
    for y, row in enumerate(grid):
        for x, cell in enumerate(row):
            if cell is None:
                continue
            text, st, w = cell
            fg = st.fg or DEFAULT_FG
            bg = st.bg or DEFAULT_BG
            if st.reverse:
                fg, bg = bg, fg
            if st.dim:
                fg = tuple((f + b) // 2 for f, b in zip(fg, bg))
            if st.hidden:
                fg = bg
            x0, y0 = pad + x * cw, pad + y * chh
            width = w * cw
            if bg != DEFAULT_BG:
                draw.rectangle([x0, y0, x0 + width - 1, y0 + chh - 1], fill=bg)
            if text == " ":
                pass
            elif text in BOX or text in ROUNDED:
                draw_box(draw, text, x0, y0, cw, chh, fg)
            elif is_block(text) and draw_block(draw, text, x0, y0, cw, chh, fg, bg):
                pass
            else:
                f = bold_font if st.bold else font
                draw.text((x0, y0), text, font=f, fill=fg)
                if st.bold and f is font:  # no bold face: overstrike
                    draw.text((x0 + 1, y0), text, font=f, fill=fg)
            if st.underline:
                uy = y0 + min(chh - 1, ascent + 2)
                draw.line([x0, uy, x0 + width - 1, uy], fill=fg)
            if st.strike:
                sy = y0 + chh // 2
                draw.line([x0, sy, x0 + width - 1, sy], fill=fg)
    return img


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--cols", type=int, default=100)
    ap.add_argument("--rows", type=int, default=30)
    ap.add_argument("--font-size", type=int, default=16)
    ap.add_argument("--pad", type=int, default=8, help="margin in pixels around the cells")
    args = ap.parse_args()
    with open(args.input, encoding="utf-8", errors="replace") as fh:
        text = fh.read()
    grid = parse(text, args.cols, args.rows)
    font, bold_font, fallback = load_fonts(args.font_size)
    render(grid, font, bold_font, fallback, args.pad).save(args.output)


if __name__ == "__main__":
    main()
