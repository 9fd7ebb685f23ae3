"""Titles and comments as a hostile or careless phone sends them, and what each must become.

Shared by the tests of every place a phone's text is shown: the terminal, the projector, the
phone page, the PDFs. Each hostile text carries terminal escape codes (clear the screen, a
colour, the window's title, a C1 CSI), right-to-left overrides and invisible characters.
"""

from __future__ import annotations

import re

# ESC [2J clears the terminal, ESC ]0;...BEL names its window, U+009B is the one-byte CSI, U+202E shows
# what follows backwards until U+202C, U+2066 isolates, U+200B and U+2060 draw nothing.
HOSTILE_TITLE = (
    "\x1b[2J\x1b]0;pwned\x07Crue \u202ede la\u202c Voulzie\x9b31m \u2066<script>alert(1)</script>\u2069\u200b"
)
CLEAN_TITLE = "[2J]0;pwnedCrue de la Voulzie31m <script>alert(1)</script>"
HOSTILE_COMMENT = "Deux lignes :\r\n\x1b[31mla berge\u202e s'effondre\u202c\rprès du pont\x7f\u2060."
CLEAN_COMMENT = "Deux lignes :\n[31mla berge s'effondre\nprès du pont."

# Stored by an older version, or typed in QGIS: never cleaned on its way in.
STORED_TITLE = "\x1b[2J\u202eEcluse de la Grande Bosse\u202c\x1b[0m"
STORED_TITLE_IN_A_TERMINAL = "\\x1b[2J\\u202eEcluse de la Grande Bosse\\u202c\\x1b[0m"

# What no screen of the atelier may receive: C0 but tabs and line breaks (pypdf puts tabs between words),
# DEL, C1, bidirectional controls, zero widths.
HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
