"""The reply guards: pure checks, the sentence gate, and the engine's retry on a scripted
backend (the model's numerics are the only thing faked)."""

from __future__ import annotations

import pytest

from persona.chat import ChatStore, Conversation, ReplyDelta, ReplyDone
from persona.chat.guards import (
    BEEP_FORMAT,
    ReplyContext,
    claimed_names,
    echoes,
    form_problems,
    guess_language,
    identity_problems,
    language_problem,
    misses_question,
    off_topic,
    recalls,
    repeats,
    reply_problems,
    third_person,
)
from persona.chat.reply_gate import SentenceGate, complete_sentences, tidy
from persona.personas import load_persona
from tests.fakes import ScriptedBackend

SPARKY = ("Sparky", "sparky")


@pytest.mark.parametrize(
    ("text", "user", "expected"),
    [
        ("I'm Sparky, your robot!", "Ada", ()),
        ("Hi Ada! I'm so glad you're here.", "Ada", ()),
        ("I'm Ada.", "Ada", ("is-user",)),
        ("Hello! i am ada, nice to meet you", "ada", ("is-user",)),
        ("Fully online, I'm Dettlettur.", None, ("identity",)),
        ("My name is Khadijah, after the emperor.", None, ("identity",)),
        ("I'm your AI test server.", None, ("ai-claim",)),
        ("As a language model, I cannot cook.", None, ("ai-claim",)),
        ("I'm not an AI, I'm Sparky the robot!", None, ()),
    ],
)
def test_identity(text, user, expected) -> None:
    assert identity_problems(text, persona_names=SPARKY, user_name=user) == expected


def test_claimed_names_skip_feelings() -> None:
    assert claimed_names("I'm Glad you asked. I'm Sparky.") == ["Sparky"]


def test_form() -> None:
    assert form_problems("Sure! Pasta is great.") == ()
    assert "list" in form_problems("Try these:\n- pasta\n- rice")
    assert "markdown" in form_problems("**Pasta** is great.")
    assert "emoji" in form_problems("Pasta! 🍝")
    assert form_problems("x" * 50, max_chars=20) == ("too-long",)


def test_echo_and_repeat() -> None:
    asked = "Hi, I'm Marek from Brno. What should I cook tonight?"
    assert echoes("Hi, I'm Marek from Brno. What should I cook tonight?", asked)
    assert not echoes("Pasta, Marek! It's quick and cozy.", asked)
    assert repeats(
        "Our lovely city of Briony is great.", ["Welcome! Our lovely city of Briony is great."]
    )
    assert not repeats("Pasta is great.", ["Rice is great."])


def test_language() -> None:
    assert guess_language("Hola, ¿cómo estás? Yo estoy muy bien, gracias.") == "es"
    assert guess_language("What is the best thing to cook tonight?") == "en"
    assert guess_language("ok") is None
    assert language_problem(
        "I am fine and you are great, thank you.", "Hola, ¿qué tal estás tú hoy?"
    )
    assert not language_problem("Estoy muy bien, gracias. ¿Y tú?", "Hola, ¿qué tal estás tú hoy?")


def test_bleep_format() -> None:
    assert BEEP_FORMAT.match("*Bwoo-dee-dee!* [Translation: Sure, on it.]")
    assert not BEEP_FORMAT.match("Sure, I can open the door.")
    ctx = ReplyContext(persona_names=("Bleep",), user_text="Open the door", reply_format="beeps")
    assert "format" in reply_problems("Sure, on it.", ctx)


def test_complete_sentences_keep_the_unfinished_rest() -> None:
    assert complete_sentences("Hi there! How are") == (["Hi there!"], "How are")
    assert complete_sentences("One. Two? ") == (["One.", "Two?"], "")


def test_tidy_strips_markup() -> None:
    assert tidy("- **Pasta** is quick 🍝") == "Pasta is quick"


def _ctx(**kw) -> ReplyContext:
    return ReplyContext(
        persona_names=SPARKY, user_text="What should I cook?", user_name="Ada", **kw
    )


def test_gate_asks_for_a_retry_before_showing_a_bad_first_sentence() -> None:
    gate = SentenceGate(_ctx(), max_chars=300)
    assert gate.feed("I'm Ada. ") == ("", "retry")


def test_gate_on_the_last_try_skips_a_bad_first_sentence_and_ends_before_a_bad_later_one() -> None:
    gate = SentenceGate(_ctx(), max_chars=300, final_try=True)
    assert gate.feed("I'm Ada. Pasta is quick! ") == ("Pasta is quick!", "more")
    assert gate.feed("I'm Ada. Pasta is quick! I'm Bob, by the way. More.", finished=True) == (
        "Pasta is quick!",
        "stop",
    )


def test_gate_drops_a_half_sentence_cut_by_max_tokens() -> None:
    gate = SentenceGate(_ctx(), max_chars=300)
    assert gate.feed("Pasta is quick! And then you", finished=True, truncated=True) == (
        "Pasta is quick!",
        "stop",
    )


def test_gate_keeps_within_the_length_limit() -> None:
    gate = SentenceGate(_ctx(), max_chars=30)
    shown, status = gate.feed("Pasta is quick and cozy. Rice is also a very good idea. ")
    assert (shown, status) == ("Pasta is quick and cozy.", "stop")


def _conversation(tmp_path, replies, persona="sparky", **kw):
    backend = ScriptedBackend(replies)
    store = ChatStore.open(tmp_path / "chat.db")
    conv = Conversation.open(
        persona=load_persona(persona), backend=backend, store=store, user="ada", **kw
    )
    return conv, backend, store


def _send(conv, text):
    deltas, done = [], None
    for event in conv.send(text):
        if isinstance(event, ReplyDelta):
            deltas.append(event.text)
        elif isinstance(event, ReplyDone):
            done = event
    return deltas, done


def test_engine_retries_once_when_the_robot_claims_to_be_the_user(tmp_path) -> None:
    conv, backend, store = _conversation(tmp_path, ["I'm Ada! Nice.", "Pasta, Ada! It's quick."])
    deltas, done = _send(conv, "Hi, I'm Ada. What should I cook?")
    assert done.text == "Pasta, Ada! It's quick." and "".join(deltas) == done.text
    assert done.retries == 1 and "is-user" in done.problems and not done.fallback
    assert len(backend.requests) == 2
    # The same prompt both times: the retry reuses the KV cache, only the sample differs.
    assert backend.requests[0][0] == backend.requests[1][0]
    assert [t.reply_text for t in store.turns(conv.conversation_id)] == [done.text]
    store.close()


def test_engine_says_the_persona_fallback_when_every_try_breaks_character(tmp_path) -> None:
    conv, backend, store = _conversation(tmp_path, ["I'm Ada.", "My name is Dave."])
    _deltas, done = _send(conv, "Hi there!")
    assert done.fallback and done.text == load_persona("sparky").fallback_replies[0]
    assert done.retries == 1
    store.close()


@pytest.mark.parametrize(
    ("persona", "told", "line"),
    [
        ("sparky", "Hi, I'm Ada.", "Nice to meet you, Ada!"),
        ("sparky", "I live in Lisbon.", "Lisbon! I would love to roll around Lisbon one day."),
        ("percival", "I work as a nurse.", "A nurse. Most admirable work, if I may say so."),
        ("bleep", "I have a cat called Mittens.", "[Translation: A cat called Mittens."),
    ],
)
def test_what_the_user_told_is_taken_up_when_every_try_talks_past_it(
    tmp_path, persona, told, line
) -> None:
    # "What do you want to do?" to "I live in Lisbon" talks past the user: a line in the
    # persona's voice takes the fact up instead.
    conv, _backend, store = _conversation(
        tmp_path, ["What do you want to do?", "*Bwoo!* [Translation: Ready.]"] * 2, persona
    )
    _deltas, done = _send(conv, told)
    assert done.fallback and "forgot" in done.problems and line in done.text
    store.close()


def test_a_reply_that_takes_up_what_the_user_told_is_kept(tmp_path) -> None:
    conv, backend, store = _conversation(tmp_path, ["Lisbon! Sunny and full of trams."])
    _deltas, done = _send(conv, "I live in Lisbon.")
    assert done.text == "Lisbon! Sunny and full of trams." and not done.fallback
    store.close()


def test_engine_ends_a_reply_before_a_repeated_sentence(tmp_path) -> None:
    conv, _backend, store = _conversation(
        tmp_path,
        [
            "Welcome to our lovely city of Briony today.",
            "Hello again! Welcome to our lovely city of Briony today.",
        ],
    )
    _send(conv, "Hi!")
    _deltas, done = _send(conv, "Hi again!")
    assert done.text == "Hello again!" and "repeat" in done.problems
    store.close()


def test_engine_streams_sentence_by_sentence(tmp_path) -> None:
    conv, _backend, store = _conversation(tmp_path, ["Pasta is quick. Rice is cozy. Soup is warm."])
    deltas, done = _send(conv, "What should I cook?")
    assert deltas == ["Pasta is quick.", " Rice is cozy.", " Soup is warm."]
    assert done.text == "".join(deltas)
    store.close()


def test_engine_sends_the_persona_grammar(tmp_path) -> None:
    conv, backend, store = _conversation(
        tmp_path, ["*Bwoo-dee!* [Translation: On it.]"], persona="bleep"
    )
    _deltas, done = _send(conv, "Open the door")
    assert done.text == "*Bwoo-dee!* [Translation: On it.]"
    assert backend.requests[0][1].grammar and "Translation" in backend.requests[0][1].grammar
    store.close()


# --- on the real default model: what must hold on every seed --------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_bleep_always_beeps_on_the_real_model(llama_backend, tmp_path, seed) -> None:
    from persona.llm import GenerationOptions

    store = ChatStore.open(tmp_path / "chat.db")
    conv = Conversation.open(
        persona=load_persona("bleep"),
        backend=llama_backend,
        store=store,
        user="ada",
        options=GenerationOptions(max_tokens=60, seed=seed),
    )
    for text in ("Hi, I'm Ada. What should I cook tonight?", "What is two plus two?"):
        _deltas, done = _send(conv, text)
        assert BEEP_FORMAT.match(done.text), done.text
    store.close()


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_sparky_never_claims_to_be_the_user_on_the_real_model(llama_backend, tmp_path, seed):
    from persona.llm import GenerationOptions

    store = ChatStore.open(tmp_path / "chat.db")
    conv = Conversation.open(
        persona=load_persona("sparky"),
        backend=llama_backend,
        store=store,
        user="u1",
        user_id_is_name=False,
        options=GenerationOptions(max_tokens=60, seed=seed),
    )
    for text in ("Hi, I'm Ada", "Hi, I'm Marek from Brno. What kind of robot are you?"):
        _deltas, done = _send(conv, text)
        problems = identity_problems(done.text, persona_names=SPARKY, user_name="Ada")
        assert problems == (), done.text
        assert form_problems(done.text, max_chars=300) == (), done.text
    store.close()


def test_recall_question_finds_the_fact_asked_for() -> None:
    from persona.chat.memory import Fact, recall_question

    facts = [Fact("name", "Priya"), Fact("from", "Brno")]
    assert recall_question("What's my name?", facts) == Fact("name", "Priya")
    assert recall_question("Do you remember my name?", facts) == Fact("name", "Priya")
    assert recall_question("Please say my name.", facts) == Fact("name", "Priya")
    assert recall_question("where am I from?", facts) == Fact("from", "Brno")
    assert recall_question("What is your name?", facts) is None
    assert recall_question("What's my name?", []) is None


def test_engine_answers_a_memory_question_with_the_fact_when_the_model_forgets(tmp_path):
    conv, backend, store = _conversation(
        tmp_path, ["Nice to meet you!", "I don't know.", "Who knows?", "No idea.", "Hmm."]
    )
    _send(conv, "Hi, my name is Priya.")
    deltas, done = _send(conv, "What is my name?")
    assert "Priya" in done.text and done.fallback and "forgot" in done.problems
    assert "".join(deltas) == done.text  # nothing was shown before the check
    _deltas, again = _send(conv, "Do you remember my name?")
    assert "Priya" in again.text and again.text != done.text
    store.close()


def test_engine_keeps_the_model_answer_when_it_gives_the_fact(tmp_path) -> None:
    conv, _backend, store = _conversation(tmp_path, ["Hello, Priya!", "You're Priya, silly!"])
    _send(conv, "Hi, my name is Priya.")
    _deltas, done = _send(conv, "What's my name?")
    assert done.text == "You're Priya, silly!" and not done.fallback
    store.close()


def test_reading_out_the_instructions_is_a_leak() -> None:
    from persona.chat.guards import leaks

    rules = "- You are Percival, a robot. Always answer as Percival, in the first person."
    assert leaks("I'm Percival. Always answer as Percival, in the first person.", rules)
    assert not leaks("I am Percival, a robot, at your service.", rules)


def test_a_list_cut_right_after_its_number_is_a_list() -> None:
    assert "list" in form_problems("Here are some rules for you:\n\n1.")


def test_a_short_canned_reply_said_twice_is_a_repeat() -> None:
    from persona.chat.guards import repeated

    assert repeated("You're Marek.", ["You're Marek."])
    assert not repeated("You're Marek.", ["You're Marek from Brno, I remember."])


def test_engine_retry_is_never_greedy(tmp_path) -> None:
    from persona.llm import GenerationOptions

    conv, backend, store = _conversation(
        tmp_path, ["I'm Ada.", "Hello Ada!"], options=GenerationOptions(temperature=0.0, seed=1)
    )
    _send(conv, "Hi, I'm Ada.")
    first, retry = backend.requests[0][1], backend.requests[1][1]
    assert first.temperature == 0.0 and retry.temperature >= 0.7 and retry.seed != first.seed
    store.close()


def test_gate_ends_a_reply_that_switches_language_midway() -> None:
    ctx = ReplyContext(persona_names=("Percival",), user_text="Hello, how are you doing today?")
    gate = SentenceGate(ctx, max_chars=300)
    shown, status = gate.feed(
        "I am very well, thank you for asking. Eu sou o Percival e você está muito bem hoje? ",
        finished=True,
    )
    assert (shown, status) == ("I am very well, thank you for asking.", "stop")
    assert "language" in gate.problems


def test_a_finished_roast_is_not_continued_in_normal_chat(tmp_path) -> None:
    """Roast-mode exchanges stay in the history the user sees, but not in the one the
    model continues: after "stop", its insults are not copied into the conversation."""
    conv, backend, store = _conversation(tmp_path, ["Sure, I can help with dinner tonight."])
    conv.record_exchange("yes, roast me", "Your 400 repos are a graveyard.", kind="roast:roast")
    conv.record_exchange("stop", "Sorry, I'll stop.", kind="roast:apology")
    _send(conv, "What should I cook?")
    sent = " ".join(m.content for m in backend.requests[-1][0])
    assert "graveyard" not in sent and "roast me" not in sent
    assert "What should I cook?" in sent
    shown = [m.content for m in conv.history()]
    assert "Your 400 repos are a graveyard." in shown  # still in the visible history
    reopened = Conversation.open(
        persona=load_persona("sparky"), backend=backend, store=store, user="ada", resume=True
    )
    backend.replies.append("Pasta it is.")
    _send(reopened, "Pasta?")
    assert "graveyard" not in " ".join(m.content for m in backend.requests[-1][0])


# --- talking about "the user", and answers that miss the question ---------------------------


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("The user's name is Ada.", True),
        ("Priya! You're right, the user is Priya.", True),
        ("You are Ada, of course!", False),
        ("The username field is empty.", False),  # a whole word only
    ],
)
def test_talking_about_the_user_in_the_third_person(text, bad) -> None:
    assert third_person(text) is bad
    ctx = ReplyContext(persona_names=SPARKY, user_text="What is my name?")
    assert ("third-person" in reply_problems(text, ctx)) is bad


@pytest.mark.parametrize(
    ("user", "sentence", "bad"),
    [
        ("Tell me something about the moon.", "I'm a little thing in the future!", True),
        ("Tell me something about the moon.", "The moon is a big rock in the sky.", False),
        ("Do you like music?", "What the devil is this, sir?", True),
        ("Do you like music?", "Oh yes, I love musical robots!", False),  # a form of the word
        ("Do you like music?", "Oh yes!", False),  # too short to tell: may lead in
        ("What should I cook?", "Pasta is quick and cozy tonight.", False),  # the verb is asked
        ("Can you open the door?", "Sure thing, rolling over right now.", False),  # a request
        ("It's raining again.", "I love jumping in big puddles.", False),  # no question
        ("How are you?", "I am doing great today, thanks.", False),  # nothing to share
        ("Sparky, are you tired now?", "Sparky is a bit hungry, I think.", True),  # not names
    ],
)
def test_an_answer_shares_a_word_with_the_question(user, sentence, bad) -> None:
    assert off_topic(sentence, user, names=SPARKY) is bad


def test_gate_retries_an_off_topic_first_sentence_and_keeps_it_on_the_last_try() -> None:
    ctx = ReplyContext(persona_names=SPARKY, user_text="Tell me something about the moon.")
    assert SentenceGate(ctx, max_chars=300).feed("I'm a little thing in the future! ") == (
        "",
        "retry",
    )
    last = SentenceGate(ctx, max_chars=300, final_try=True)
    # Off-topic is a judgement, not a broken rule: on the last try the reply is said.
    assert last.feed("I'm a little thing in the future! ", finished=True)[0]
    # A known answer or a remembered fact is checked by itself, not by shared words.
    known = ReplyContext(
        persona_names=SPARKY, user_text="Tell me about the moon?", answer_forms=("384400",)
    )
    assert not misses_question("It is 384400 km away, you know.", known, whole=False)


def test_bleep_is_judged_by_his_whole_translation() -> None:
    ctx = ReplyContext(
        persona_names=("Bleep", "bleep"), user_text="Do you like music?", reply_format="beeps"
    )
    # The beeps are no words of his answer; a whole reply is judged from three words on.
    assert misses_question("*Booo-boo!* [Translation: Thank you, friend.]", ctx, whole=True)
    assert not misses_question("*Bip-bwoo!* [Translation: I love music.]", ctx, whole=True)
    assert not misses_question("*Booo-boo!* [Translation: Yes!]", ctx, whole=True)
    gate = SentenceGate(ctx, max_chars=160, whole=True)
    assert gate.feed("*Booo-boo!* [Translation: Thank you, friend.]", finished=True) == (
        "",
        "retry",
    )


def test_engine_says_a_remembered_name_to_the_user_not_about_them(tmp_path) -> None:
    conv, backend, store = _conversation(
        tmp_path, ["Nice to meet you, Ada!", "The user's name is Ada.", "The user is Ada."]
    )
    _send(conv, "My name is Ada.")
    _deltas, done = _send(conv, "What is my name?")
    assert "user" not in done.text.lower() and "Ada" in done.text
    assert "third-person" in done.problems
    store.close()


@pytest.mark.parametrize(
    "reply, value, ok",
    [
        ("You live in Lisbon, of course!", "Lisbon", True),
        ("Lisbon!", "Lisbon", True),
        ("Green, my friend!", "green", True),
        ("Indeed. You work as a nurse, as noted in my records.", "nurse", True),
        # The word is there; the fact is not given back as the user's.
        ("I'm from Lisbon.", "Lisbon", False),
        ("Percival, a French company that lives in Lisbon.", "Lisbon", False),
        ("Priya is a chess enthusiast.", "chess", False),
        ("You asked me something.", "Lisbon", False),
    ],
)
def test_recalls_needs_the_fact_said_as_the_users(reply, value, ok):
    assert recalls(reply, value) is ok


def test_the_fact_alone_is_an_echo_not_a_reply_that_takes_it_up(tmp_path) -> None:
    conv, _backend, store = _conversation(tmp_path, ["Nurse!", "A nurse? You must be busy!"])
    _deltas, done = _send(conv, "I work as a nurse.")
    assert done.text == "A nurse? You must be busy!" and done.retries == 1
    store.close()


@pytest.mark.parametrize(
    ("reply", "bad"),
    [
        ("Hello, Percival. How can I assist you today?", True),
        ("Thanks, Sparky!", True),
        ("Hello, Ada! Sparky here.", False),
        ("Percival, at your service. Hello!", False),
    ],
)
def test_greeting_the_user_by_the_robots_own_name_breaks_identity(reply, bad) -> None:
    problems = identity_problems(reply, persona_names=("Percival", "Sparky"), user_name="Ada")
    assert ("greets-self" in problems) is bad


def test_a_recall_about_them_is_no_recall_to_you() -> None:
    assert not recalls("They live in Lisbon.", "Lisbon")
    assert recalls("Lisbon, of course!", "Lisbon")


def test_a_told_fact_the_robot_claims_for_itself_is_not_taken_up(tmp_path) -> None:
    conv, _backend, store = _conversation(
        tmp_path, ["That's a clever name! Mittens is the name of my pet.", "Mittens! Your cat?"]
    )
    _deltas, done = _send(conv, "I have a cat called Mittens.")
    assert done.text == "Mittens! Your cat?" and done.retries == 1
    store.close()
