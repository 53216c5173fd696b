from __future__ import annotations

from persona.speech.sentences import SentenceSplitter, split_stream


def test_sentences_released_as_they_complete():
    splitter = SentenceSplitter()
    assert splitter.push("Hello there") == []
    assert splitter.push("! How are") == ["Hello there!"]
    assert splitter.push(" you? I") == ["How are you?"]
    assert splitter.flush() == ["I"]
    assert splitter.flush() == []


def test_abbreviations_and_decimals_do_not_split():
    assert split_stream(["I am Dr. Who and pi is 3.14 today. Bye"]) == [
        "I am Dr. Who and pi is 3.14 today.",
        "Bye",
    ]


def test_long_first_fragment_released_at_clause():
    text = "Well, if you really want to know about the history of robots, I could tell you a lot"
    out = split_stream([text[i : i + 7] for i in range(0, len(text), 7)])
    assert out[0].endswith("robots,")
    assert " ".join(out) == text


def test_only_first_fragment_is_released_early():
    text = (
        "Short one. Then a much longer second sentence, which keeps going, and going, and going, "
        "well past the early-release length without ending"
    )
    out = split_stream([text])
    assert out == ["Short one.", text[len("Short one. ") :]]


def test_short_first_clause_waits():
    assert SentenceSplitter().push("Yes, sure") == []


def test_runaway_sentence_is_cut_at_a_space():
    out = split_stream(["word " * 100], max_chars=50, first_clause_min_chars=1000)
    assert all(len(piece) <= 50 for piece in out)
    assert " ".join(out).split() == ["word"] * 100


def test_quotes_and_ellipsis():
    assert split_stream(['He said "hi!" Then… we left.']) == ['He said "hi!"', "Then…", "we left."]


def test_split_for_tts_bounds_pieces():
    from persona.speech.sentences import split_for_tts

    assert split_for_tts("Short and sweet.", 40) == ["Short and sweet."]
    assert split_for_tts("   ", 40) == []
    long = "The robot rolled into the kitchen, found the toaster, and made toast for everyone " * 3
    pieces = split_for_tts(long, 60)
    assert all(len(p) <= 60 for p in pieces) and len(pieces) >= 4
    assert " ".join(pieces).split() == long.split()
    assert pieces[0].endswith(",")  # clause boundaries are preferred
    assert split_for_tts("x" * 130, 60) == ["x" * 60, "x" * 60, "x" * 10]


def test_a_reply_opening_ends_its_first_piece_at_its_opening_clause():
    from functools import partial

    from persona.speech.sentences import split_for_tts

    split_opening = partial(split_for_tts, opening=True)

    # The first sound waits only for "I love dragons," to be synthesised.
    assert split_opening("I love dragons, they breathe fire and fly.", 80) == [
        "I love dragons,",
        "they breathe fire and fly.",
    ]
    # A later clause when the first is too short to cover the rest's synthesis.
    long = "Oh, I love dragons, they breathe fire and fly high in the sky above us all day."
    assert split_opening(long, 80) == [
        "Oh, I love dragons,",
        "they breathe fire and fly high in the sky above us all day.",
    ]
    # A word and a comma are enough, when the rest can be synthesised while it plays.
    assert split_opening("No, I'm afraid of my own shadows.", 80) == [
        "No,",
        "I'm afraid of my own shadows.",
    ]
    assert split_opening("No, I'm afraid it is not something you could ever get.", 80)[0] != "No,"
    # A short sentence, no mark, or nothing after it: as split_for_tts.
    for sentence in ("Yes, I do.", "Paris is the capital of France.", "Well, then,"):
        assert split_opening(sentence, 80) == split_for_tts(sentence, 80)
    # The rest still honours the piece size.
    rest = "the toaster hums along and the kettle sings along all day and night."
    pieces = split_opening("Oh my dear old friend, " + rest, 40)
    assert pieces[0] == "Oh my dear old friend," and len(pieces) >= 3
    assert all(len(p) <= 40 for p in pieces) and " ".join(pieces[1:]) == rest
    assert split_opening("   ", 40) == []


def test_whole_deltas_close_a_sentence_without_waiting_for_the_next():
    # The reply gate hands over checked sentences with no trailing space: saying one must
    # not wait for the next sentence to be generated.
    gated = SentenceSplitter(whole_deltas=True)
    assert gated.push("Hello!") == ["Hello!"]
    assert gated.push(" How are you?") == ["How are you?"]
    assert gated.push(" I met Dr.") == []  # an abbreviation still waits
    assert gated.push(" Who.") == ["I met Dr. Who."]
    # Without the flag a token stream keeps waiting: "3." may go on as "3.5".
    assert SentenceSplitter().push("It costs 3.") == []


def test_a_whole_first_sentence_in_one_delta_still_gives_its_first_clause():
    text = "Well, if you really want to know about the history of robots, I could tell you."
    out = SentenceSplitter(whole_deltas=True).push(text)
    assert out == [
        "Well, if you really want to know about the history of robots,",
        "I could tell you.",
    ]
