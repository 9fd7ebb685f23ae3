"""The public's text, made safe to store and to show: what is taken out, what is kept, what a terminal is shown."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bassee_atelier_plugin.core.atelier.text import clean_text, terminal_text
from tests import hostile_text as hostile


def test_a_hostile_title_loses_its_codes_and_keeps_its_words():
    assert clean_text(hostile.HOSTILE_TITLE) == hostile.CLEAN_TITLE


def test_a_comment_keeps_its_lines_whatever_their_ends():
    assert clean_text(hostile.HOSTILE_COMMENT, keep_lines=True) == hostile.CLEAN_COMMENT
    assert (
        clean_text("un\u2028deux\u2029trois\x85quatre\r\n\r\ncinq", keep_lines=True)
        == "un\ndeux\ntrois\nquatre\n\ncinq"
    )


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Crue de\r\n2018", "Crue de 2018"),  # a title is one line
        ("Crue\tde 2018", "Crue de 2018"),
        ("  Écluse  ", "Écluse"),
        ("E\u0301cluse", "Écluse"),  # NFC: as a French keyboard types it
        ("Arrêt\u202f: bus", "Arrêt\u202f: bus"),  # French spacing kept
        (
            "Famille 👨\u200d👩\u200d👧 🏳\ufe0f\u200d🌈",
            "Famille 👨\u200d👩\u200d👧 🏳\ufe0f\u200d🌈",
        ),  # emoji kept whole
        ("Mazout\u00ad", "Mazout"),  # a soft hyphen draws nothing
        ("Rue \u05e9\u05dc\u05d5\u05dd \u200f!", "Rue \u05e9\u05dc\u05d5\u05dd !"),  # Hebrew keeps its letters
        ("Zalgo Z" + "\u0336\u0337\u0338" * 20, "Zalgo Z" + "\u0336\u0337\u0338\u0336"),
        ("tag\U000e0041\U000e0042", "tag"),  # invisible tag letters, a way to hide text
        ("lone \ud800 surrogate", "lone  surrogate"),  # JSON may carry one; no file can store it
    ],
)
def test_what_a_title_keeps_and_loses(typed, stored):
    assert clean_text(typed) == stored


@pytest.mark.parametrize(
    "typed",
    ["", "\x00\x1b\x07", "\u202e\u202c", "\u200b\u2060\ufeff", "\r\n\t ", "\u3164\u2800", "\u200d \u200c\n\u200d"],
)
def test_a_text_of_nothing_visible_is_empty(typed):
    assert clean_text(typed) == "" and clean_text(typed, keep_lines=True) == ""


def test_a_terminal_is_shown_every_code_escaped_and_the_rest_as_is():
    assert terminal_text(hostile.STORED_TITLE) == hostile.STORED_TITLE_IN_A_TERMINAL
    assert terminal_text("Écluse\u202f: 👨\u200d👩\u200d👧") == "Écluse\u202f: 👨\u200d👩\u200d👧"
    assert terminal_text("un\ndeux\u2028\x85\ud800") == "un\\x0adeux\\u2028\\x85\\ud800"
    assert terminal_text("\U000e0041") == "\\U000e0041"


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.text(alphabet=st.characters(codec=None), max_size=60))
def test_whatever_is_typed_nothing_hidden_is_left_and_cleaning_again_changes_nothing(typed):
    for keep_lines in (False, True):
        cleaned = clean_text(typed, keep_lines)
        assert not hostile.HIDDEN.search(cleaned)
        assert cleaned == unicodedata.normalize("NFC", cleaned) == cleaned.strip()
        assert clean_text(cleaned, keep_lines) == cleaned
        assert keep_lines or "\n" not in cleaned
        cleaned.encode("utf-8")  # storable


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.text(alphabet=st.characters(codec=None), max_size=60))
def test_whatever_is_stored_a_terminal_gets_no_control_character(stored):
    shown = terminal_text(stored)
    assert not any(
        unicodedata.category(character) in ("Cc", "Cf", "Cs", "Zl", "Zp") and character not in "\u200c\u200d"
        for character in shown
    )
    shown.encode("utf-8")
