"""The name-word lookups (built one word at a time) agree with the whole table."""

from __future__ import annotations

from auditor import name_words


def test_every_word_looked_up_alone_is_its_entry_in_the_whole_table():
    table = name_words._table()
    assert len(table) > 20_000
    for word, senses in table.items():
        assert name_words.senses_of(word) == senses, word
        assert name_words.senses_of(word.upper()) == senses, word


def test_hand_reviewed_names_merge_with_the_dictionary_and_unknown_words_have_none():
    mark = name_words.senses_of("Mark")
    assert mark is not None and "標記" in mark.renderings
    assert name_words.is_word("beacon") and "信標" in name_words.senses_of("Beacon").renderings
    taurus = name_words.senses_of("taurus")
    assert taurus is not None and taurus.celestial and "金牛座" in taurus.renderings
    assert name_words.senses_of("Qwzxv") is None and not name_words.is_word("Qwzxv")
