"""Text typed by the public, made safe to store and to show: on the projector, in PDFs, in a terminal.

A phone's title or comment may carry what nobody sees but every screen obeys: terminal
escape codes (``ESC [2J`` clears the facilitator's terminal), right-to-left overrides that
show "gro.elpmaxe" as "example.org", zero-width characters, invisible "tag" letters. None
of them has a use in a workshop's French (or English) text, so they are taken out, never
refused: a participant who pasted a title with a stray control character gets their title,
not an error. Only a title left empty by it is refused, by whoever requires a title.

What is taken out (:func:`hidden`):
- the control characters, C0, DEL and C1, line breaks aside: a comment keeps its lines
  (any of CR LF, CR, U+2028...), a title gets a space for each;
- the format characters (Unicode category Cf), which draw nothing: the bidirectional
  overrides, embeddings and isolates (U+202A-202E, U+2066-2069) and the marks U+200E,
  U+200F and U+061C too, since the letters of Arabic or Hebrew carry their direction
  without them and a mark can still reorder the punctuation around them; zero-width
  spaces, the soft hyphen, the byte order mark, tags. The zero-width joiner and non-joiner
  are kept: they draw nothing alone and move nothing, and without them a family emoji
  falls apart into four faces (a text of joiners and spaces alone is empty all the same);
- lone surrogates, which no file can store as UTF-8.

Besides, the text is NFC-normalised (an "é" typed as "e" + accent is one character, as
French keyboards give it, and counts as one against a length limit), a tab becomes a
space, the letters that draw nothing (the Hangul fillers, the blank Braille pattern)
become spaces so that a title of them is empty, and a pile of accents on one letter
is cut to a few, so that it cannot draw over the lines around it.

:func:`terminal_text` is for a terminal, where what is already stored (by an older version,
or typed in QGIS) may still carry such characters: it shows each of them escaped, ``\\x1b``,
instead of taking it out, so that the facilitator sees something was there.
"""

from __future__ import annotations

import re
import unicodedata

KEPT_FORMAT_CHARACTERS = frozenset("\u200c\u200d")  # zero-width non-joiner and joiner: emoji and scripts need them
BLANK_LETTERS = re.compile("[\u115f\u1160\u3164\uffa0\u2800]")  # letters and a symbol that draw nothing
MARKS_PER_LETTER = 4  # Vietnamese puts two accents on a letter; dozens are only there to draw over other lines
_MARKS = "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"  # the combining accents' blocks
_PILED_MARKS = re.compile(f"({_MARKS}{{{MARKS_PER_LETTER}}}){_MARKS}+")


def hidden(character: str) -> bool:
    """Whether ``character`` draws nothing yet acts on a screen: a control or format character, a lone surrogate."""
    category = unicodedata.category(character)
    return category in ("Cc", "Cs") or (category == "Cf" and character not in KEPT_FORMAT_CHARACTERS)


def clean_text(text: str, keep_lines: bool = False) -> str:
    """``text`` without what :func:`hidden` finds, NFC-normalised, stripped; its lines kept only if ``keep_lines``.

    Never refuses: an empty result is for the caller to refuse where a text is required.
    """
    lines = [_clean_line(line) for line in text.splitlines()]  # splitlines knows every line break, CR LF as one
    if keep_lines:
        cleaned = "\n".join(line.rstrip() for line in lines).strip()
    else:
        cleaned = " ".join(line.strip() for line in lines if line.strip())
    shown = any(not character.isspace() and character not in KEPT_FORMAT_CHARACTERS for character in cleaned)
    return cleaned if shown else ""  # joiners and spaces alone show nothing: empty


def _clean_line(line: str) -> str:
    line = "".join(character for character in line.replace("\t", " ") if not hidden(character))
    line = BLANK_LETTERS.sub(" ", unicodedata.normalize("NFC", line))
    return _PILED_MARKS.sub(r"\1", line)


def terminal_text(text: str) -> str:
    """``text`` for one line of a terminal: line breaks, tabs and every :func:`hidden` character shown escaped."""
    return "".join(_escaped(character) if _acts_on_a_terminal(character) else character for character in text)


def _acts_on_a_terminal(character: str) -> bool:
    return hidden(character) or unicodedata.category(character) in ("Zl", "Zp")  # U+2028, U+2029 break lines too


def _escaped(character: str) -> str:
    code = ord(character)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
