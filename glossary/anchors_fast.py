"""Fast forms of :mod:`glossary.anchors`' text preparation, tested against the plain ones.

- :func:`en_words` gives the words ``anchors._en_phrase`` joins, found by
  ``bytes.translate`` and ``bytes.split`` (in C) instead of a regex ``findall``: every
  character that is not an ASCII letter or digit after case folding becomes a blank, and
  the runs left are the words.
- :func:`utf8_chars` spells a text as its UTF-8 bytes, one character per byte, for the
  Chinese automaton: pyahocorasick looks a character up among a node's children one by
  one, and the root of an automaton of Chinese forms has a child for every first
  character of a form (thousands), so each character of a text cost a long scan. In
  UTF-8 the root has a child per lead byte (a few dozen) and the other nodes at most 64;
  and since a lead byte is never a continuation byte, a form's bytes occur in a text's
  bytes only where the form occurs in the text. Lengths and offsets are then in bytes,
  which keeps "same start" and "longer" as they were.
"""

from __future__ import annotations

#: Bytes -> the lower-case ASCII letters and digits kept, everything else a blank (the
#: text is case-folded first; non-ASCII characters arrive as ``?``).
_WORD_BYTES = bytes(b if chr(b).islower() or chr(b).isdigit() else 32 for b in range(128)) + (
    b" " * 128
)


def en_words(text: str) -> str:
    """The case-folded ASCII words of ``text`` (runs of letters and digits), joined by
    single spaces with one before and after: `` rack scale retimers ``."""
    words = text.casefold().encode("ascii", "replace").translate(_WORD_BYTES).split()
    return " " + b" ".join(words).decode("ascii") + " "


def utf8_chars(text: str) -> str:
    """``text``'s UTF-8 bytes, each as the character of that code (lone surrogates, which
    JSON input can carry, are encoded as they stand)."""
    return text.encode("utf-8", "surrogatepass").decode("latin-1")
