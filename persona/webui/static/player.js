// The robot's voice in the browser: reply audio arrives sentence by sentence (JSON
// messages through the hidden #audio-feed box) and is queued back to back with Web Audio,
// so the first sentence plays while the rest is still being written. It also shows the
// robot's state (listening / thinking / speaking) and keeps timings for the benchmark.
// It draws the subtitle too: each piece's text appears as that piece starts to play, so
// the pieces it drops (a stopped reply's) never show.
(() => {
  if (window.robotAudio) return;
  let ctx = null;
  let next = 0;
  let sources = [];
  let captions = [];  // timers that show a queued piece's text when it starts
  let turn = null;
  const stopped = new Set();  // turns the user stopped: their late pieces are dropped
  // A stop before a reply's first piece came stops that reply too: pieces of a turn not
  // heard yet are dropped until the next reply starts ("thinking").
  let dropUnseen = false;
  let replyDone = true;
  let handsFree = false;
  let lastWord = null;  // when the question being answered ended (epoch ms), if known
  let state = "ready";
  const stats = { turns: {}, pieces: 0, stops: 0 };
  const LABELS = {
    ready: "● ready",
    listening: "● listening",
    thinking: "… thinking",
    speaking: "♪ speaking",
  };

  function show(name) {
    state = name;
    const el = document.querySelector("#robot-state");
    if (el) {
      el.dataset.state = name;
      const label = el.querySelector(".state-label") || el;
      label.textContent = LABELS[name] || name;
    }
  }

  function subtitle(text, append) {
    const el = document.querySelector("#subtitle .subtitle-line");
    if (!el) return;
    el.textContent = append && el.textContent ? el.textContent + " " + text : text;
  }

  function idle() {
    return handsFree ? "listening" : "ready";
  }

  function unlock() {
    // Browsers start audio only after a user gesture: any click unlocks the context.
    if (!ctx) ctx = new (window.AudioContext || window.webkitAudioContext)();
    if (ctx.state === "suspended") ctx.resume();
    return ctx;
  }

  // `clear`: the conversation went (New, a persona switch), and its subtitle with it.
  function stop(clear) {
    if (turn) stopped.add(turn);
    for (const timer of captions) clearTimeout(timer);
    captions = [];
    if (clear) subtitle("", false);
    dropUnseen = true;
    for (const src of sources) {
      try { src.stop(); } catch (e) { /* already ended */ }
    }
    sources = [];
    next = 0;
    replyDone = true;
    stats.stops += 1;
    show(idle());
  }

  function settle() {
    if (!sources.length && replyDone) show(idle());
  }

  function play(m) {
    if (m.turn !== turn && dropUnseen) stopped.add(m.turn);
    if (stopped.has(m.turn)) return;
    const c = unlock();
    if (m.turn !== turn) {
      stop();  // the last reply's queue goes; this one is heard
      stats.stops -= 1; dropUnseen = false; turn = m.turn; replyDone = false;
      subtitle("", false);
    }
    const bytes = Uint8Array.from(atob(m.pcm), (ch) => ch.charCodeAt(0));
    const pcm = new Int16Array(bytes.buffer, 0, bytes.byteLength >> 1);
    const buf = c.createBuffer(1, pcm.length, m.rate);
    const data = buf.getChannelData(0);
    for (let i = 0; i < pcm.length; i++) data[i] = pcm[i] / 32768;
    const src = c.createBufferSource();
    src.buffer = buf;
    src.connect(c.destination);
    const at = Math.max(c.currentTime + 0.01, next);
    src.start(at);
    next = at + buf.duration;
    sources.push(src);
    src.onended = () => { sources = sources.filter((s) => s !== src); settle(); };
    const startsAt = Date.now() + (at - c.currentTime) * 1000;  // epoch ms of first sound
    if (m.text) {
      const timer = setTimeout(() => {
        captions = captions.filter((t) => t !== timer);
        subtitle(m.text, true);
      }, Math.max(0, startsAt - Date.now()));
      captions.push(timer);
    }
    const t = (stats.turns[m.turn] = stats.turns[m.turn] || { pieces: 0 });
    if (t.firstSound === undefined) {
      t.firstSound = startsAt;
      if (m.sent) t.deliveryMs = Date.now() - m.sent;  // server -> player, same clock
      if (lastWord) t.lastWordToFirstSound = startsAt - lastWord;
      lastWord = null;
    }
    t.pieces += 1;
    stats.pieces += 1;
    stats.lastTurn = m.turn;
    show("speaking");
  }

  function feed(payload) {
    if (!payload) return;
    let m;
    try { m = JSON.parse(payload); } catch (e) { return; }
    if (m.stop) { stop(!!m.clear); return; }
    if (m.handsFree !== undefined) { handsFree = !!m.handsFree; if (!sources.length) show(idle()); }
    if (m.state === "thinking") {
      dropUnseen = false;
      replyDone = false;
      lastWord = m.lastWord || null;
      show("thinking");
    }
    if (m.state === "done") {
      replyDone = true;
      if (m.stages && turn && stats.turns[turn]) stats.turns[turn].stages = m.stages;
      settle();
    }
    if (m.pcm) play(m);
  }

  window.robotAudio = {
    feed, stop, unlock, stats,
    speaking: () => sources.length > 0,
    state: () => state,
  };
  document.addEventListener("pointerdown", unlock, { capture: true });
  document.addEventListener("keydown", unlock, { capture: true });
})();

// Persona cards: a click puts the card's choice in the hidden #card-choice box, whose
// input event tells the server (the nonce makes a second click on the same card count).
document.addEventListener("click", (event) => {
  const card = event.target.closest && event.target.closest("#persona-cards [data-choice]");
  const box = document.querySelector("#card-choice textarea, #card-choice input");
  if (!card || !box) return;
  box.value = card.dataset.choice + "|" + Date.now();
  box.dispatchEvent(new Event("input", { bubbles: true }));
});
