//! What an old terminal (`TERM=vt100`, `linux`) is sent: only ASCII bytes, and only the SGR
//! attributes it knows (0–7, 30–37, 40–47). crossterm writes every colour as a 256-colour
//! index (`ESC[38;5;1m`, where a VT100 reads the 5 as blink) and ratatui turns attributes off
//! one by one (22, 24, 27, 39); this rewrites each frame as it leaves, keeping what the screen
//! means: a colour becomes its 8-colour cousin, an attribute turned off becomes a reset that
//! sets the rest again, and a character outside ASCII becomes as many ASCII characters as the
//! columns it takes, so the layout does not move.

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Attributes {
    bold: bool,
    underline: bool,
    blink: bool,
    reverse: bool,
    fg: Option<u8>,
    bg: Option<u8>,
}

impl Attributes {
    fn write(&self, out: &mut Vec<u8>) {
        let mut codes = vec!["0".to_string()];
        for (on, code) in [(self.bold, "1"), (self.underline, "4"), (self.blink, "5"), (self.reverse, "7")] {
            if on {
                codes.push(code.into());
            }
        }
        if let Some(c) = self.fg {
            codes.push(format!("3{c}"));
        }
        if let Some(c) = self.bg {
            codes.push(format!("4{c}"));
        }
        out.extend_from_slice(format!("\x1b[{}m", codes.join(";")).as_bytes());
    }
}

/// The 8-colour cousin of a 256-colour index: 0–7 as they are, the bright 9–15 as their
/// plain colour, dark grey (8) and the rest as the terminal's own colour.
fn basic(index: u16) -> Option<u8> {
    match index {
        0..=7 => Some(index as u8),
        9..=15 => Some(index as u8 - 8),
        _ => None,
    }
}

/// Rewrites frames for an old terminal; keeps the attributes in force between frames.
#[derive(Debug, Default)]
pub struct Legacy {
    current: Attributes,
}

impl Legacy {
    pub fn new() -> Legacy {
        Legacy::default()
    }

    /// Rewrites one frame (or any whole run of output) into `out`.
    pub fn rewrite(&mut self, input: &[u8], out: &mut Vec<u8>) {
        let text = String::from_utf8_lossy(input);
        // By grapheme clusters, as ratatui lays the screen out: a flag is one two-column cell.
        let mut clusters = text.graphemes(true).peekable();
        while let Some(g) = clusters.next() {
            if g == "\x1b" && clusters.peek() == Some(&"[") {
                clusters.next();
                let mut body = String::new();
                let mut end = None;
                for d in clusters.by_ref() {
                    if d.len() == 1 && ("\x40"..="\x7e").contains(&d) {
                        end = Some(d);
                        break;
                    }
                    body.push_str(d);
                }
                match end {
                    Some("m") => self.sgr(&body, out),
                    Some(e) => {
                        out.extend_from_slice(b"\x1b[");
                        out.extend_from_slice(body.as_bytes());
                        out.extend_from_slice(e.as_bytes());
                    }
                    None => {}
                }
            } else if g.is_ascii() {
                out.extend_from_slice(g.as_bytes());
            } else {
                out.extend_from_slice(ascii_for(g).as_bytes());
            }
        }
    }

    fn sgr(&mut self, body: &str, out: &mut Vec<u8>) {
        let params: Vec<u16> = body.split(';').map(|p| p.parse().unwrap_or(0)).collect();
        let mut next = self.current;
        let mut i = 0;
        while i < params.len() {
            match params[i] {
                0 => next = Attributes::default(),
                1 => next.bold = true,
                4 => next.underline = true,
                5 | 6 => next.blink = true,
                7 => next.reverse = true,
                21 | 22 => next.bold = false,
                24 => next.underline = false,
                25 => next.blink = false,
                27 => next.reverse = false,
                c @ 30..=37 => next.fg = Some((c - 30) as u8),
                39 => next.fg = None,
                c @ 40..=47 => next.bg = Some((c - 40) as u8),
                49 => next.bg = None,
                c @ 90..=97 => next.fg = Some((c - 90) as u8),
                c @ 100..=107 => next.bg = Some((c - 100) as u8),
                which @ (38 | 48) => {
                    // 38;5;N and 48;5;N name an index, 38;2;R;G;B a true colour.
                    let colour = match params.get(i + 1) {
                        Some(5) => params.get(i + 2).copied().and_then(basic),
                        _ => None,
                    };
                    i += if params.get(i + 1) == Some(&2) { 4 } else { 2 };
                    if which == 38 {
                        next.fg = colour;
                    } else {
                        next.bg = colour;
                    }
                }
                // Dim, italic and the rest: a VT100 has none of them.
                _ => {}
            }
            i += 1;
        }
        if next != self.current || params == [0] {
            next.write(out);
            self.current = next;
        }
    }
}

/// ASCII standing for a grapheme cluster, as wide as the cluster is on screen.
fn ascii_for(g: &str) -> String {
    let width = g.width();
    let Some(c) = g.chars().next() else { return String::new() };
    if width == 0 {
        return String::new();
    }
    let one = match c {
        '—' | '–' | '‐' | '−' | '─' | '━' => '-',
        '│' | '┃' => '|',
        '┌' | '┐' | '└' | '┘' | '├' | '┤' | '┬' | '┴' | '┼' => '+',
        '«' | '»' | '“' | '”' | '„' => '"',
        '‘' | '’' | '‹' | '›' => '\'',
        '…' => '~',
        '▲' => '^',
        '▼' => 'v',
        '·' | '•' => '.',
        '¶' => '/',
        '█' | '▇' | '▆' | '▅' => '#',
        '▄' | '▃' => '=',
        '▂' | '▁' => '.',
        _ => g.nfd().next().filter(|b| b.is_ascii_graphic()).unwrap_or('?'),
    };
    std::iter::repeat_n(one, width).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewrite(input: &str) -> String {
        let mut out = Vec::new();
        Legacy::new().rewrite(input.as_bytes(), &mut out);
        String::from_utf8(out).unwrap()
    }

    /// Every SGR sent keeps to 0–7, 30–37 and 40–47, whatever crossterm wrote.
    fn only_basic_sgr(out: &str) -> bool {
        out.split("\x1b[").skip(1).all(|seq| {
            let Some(end) = seq.find(|c: char| ('\x40'..='\x7e').contains(&c)) else { return false };
            if &seq[end..=end] != "m" {
                return true;
            }
            seq[..end].split(';').all(|p| {
                let n: u16 = p.parse().unwrap_or(0);
                n <= 7 || (30..=37).contains(&n) || (40..=47).contains(&n)
            })
        })
    }

    #[test]
    fn colours_become_the_eight_and_attributes_off_become_resets() {
        let out = rewrite(
            "\x1b[38;5;1mred\x1b[39m plain \x1b[1m\x1b[38;5;14mbold cyan\x1b[22m\x1b[48;5;8mx\x1b[0m",
        );
        assert!(only_basic_sgr(&out), "{out:?}");
        assert!(out.contains("\x1b[0;31mred"), "{out:?}");
        assert!(out.contains("\x1b[0;1;36mbold cyan"), "{out:?}");
        assert!(out.contains("\x1b[0;36mx"), "bold off keeps the colour: {out:?}");
        assert!(!out.contains("5;1"), "no blink read into a colour index");
    }

    #[test]
    fn only_ascii_leaves_and_the_layout_keeps_its_columns() {
        let out = rewrite("Liège — «Saint-Gilles» … ▲ 漢 e\u{301} \u{1f1e7}\u{1f1ea}\x1b[2;5H");
        assert!(out.is_ascii(), "{out:?}");
        assert_eq!(
            out, "Liege - \"Saint-Gilles\" ~ ^ ?? e ??\x1b[2;5H",
            "a flag is one cluster of two columns"
        );
    }
}
