/* Loa: record a bulletin from the microphone on the script form (web/templates/_recorder.html).
   MediaRecorder records (WebM/Opus where the browser has it); the script's text fills the
   screen as a teleprompter and scrolls at a reading pace while recording; the author listens,
   records again, then sends it: the recording goes into the form's own file input and the
   form is submitted with its "submit for review" button, so it takes the upload path (probe,
   mastering, review) like a chosen file. No inline script (the CSP); the messages come
   translated in data-msg-* attributes. */
(function () {
  "use strict";

  var box = document.getElementById("recorder");
  if (!box) return;
  var form = box.closest("form");
  var byId = function (id) { return document.getElementById(id); };
  var fileInput = form.querySelector("input[type=file][name=file]");
  var textArea = byId("script-text");
  var prompter = byId("rec-prompter");
  var prompterText = prompter.querySelector(".prompter-text");
  var startBtn = byId("rec-start"), stopBtn = byId("rec-stop"), timer = byId("rec-timer");
  var review = byId("rec-review"), audio = byId("rec-audio");
  var playBtn = byId("rec-play"), redoBtn = byId("rec-redo"), sendBtn = byId("rec-send");
  var statusLine = byId("rec-status");

  function msg(name) { return box.getAttribute("data-msg-" + name) || ""; }
  function say(text, isError) {
    statusLine.textContent = text;
    statusLine.classList.toggle("error", !!isError);
  }

  box.hidden = false;
  if (!window.MediaRecorder || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    startBtn.disabled = true;
    say(msg("unsupported"), true);
    return;
  }

  // What the browser records, in order of preference; all are containers the upload accepts.
  var TYPES = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/mp4", "audio/webm"];
  var EXTENSIONS = { "audio/webm": "webm", "audio/ogg": "ogg", "audio/mp4": "m4a" };
  var MAX_MS = 30 * 60 * 1000; // the longest recording the panel accepts
  var READ_CHARS_PER_S = 14; // an even reading pace for the teleprompter
  var LEAD_IN_MS = 2000;

  var stream = null, recorder = null, chunks = [], blob = null, url = null;
  var startedAt = 0, tickTimer = 0, scrollFrame = 0, handScrolled = false;

  function pickType() {
    for (var i = 0; i < TYPES.length; i++) {
      if (MediaRecorder.isTypeSupported(TYPES[i])) return TYPES[i];
    }
    return "";
  }

  function clock(ms) {
    var s = Math.floor(ms / 1000);
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }

  function chooseRecordingKind() {
    var radio = form.querySelector("input[name=kind][value=recording]");
    if (radio && !radio.checked) {
      radio.checked = true;
      radio.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  function showPrompter() {
    var text = textArea ? textArea.value.trim() : "";
    prompterText.textContent = text || msg("no-text");
    prompter.hidden = false;
    prompter.scrollTop = 0;
    handScrolled = false;
    var readMs = Math.max(10000, (text.length / READ_CHARS_PER_S) * 1000);
    function scroll() {
      if (!handScrolled) {
        var t = Math.max(0, performance.now() - startedAt - LEAD_IN_MS);
        var room = prompter.scrollHeight - prompter.clientHeight;
        prompter.scrollTop = Math.min(room, (room * t) / readMs);
      }
      scrollFrame = requestAnimationFrame(scroll);
    }
    scrollFrame = requestAnimationFrame(scroll);
  }
  // A reader who scrolls by hand keeps control until the next recording.
  ["wheel", "touchstart", "keydown"].forEach(function (name) {
    prompter.addEventListener(name, function () { handScrolled = true; }, { passive: true });
  });

  function discard() {
    if (url) URL.revokeObjectURL(url);
    url = null;
    blob = null;
    audio.pause();
    audio.removeAttribute("src");
    review.hidden = true;
  }

  function tick() {
    var ms = performance.now() - startedAt;
    timer.textContent = clock(ms);
    timer.setAttribute("data-elapsed-ms", String(Math.round(ms)));
    if (ms >= MAX_MS) stop();
  }

  function start() {
    discard();
    say("");
    startBtn.disabled = true;
    navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: false, noiseSuppression: true } })
      .then(function (s) {
        stream = s;
        var type = pickType();
        try {
          recorder = type ? new MediaRecorder(stream, { mimeType: type }) : new MediaRecorder(stream);
        } catch (e) {
          recorder = new MediaRecorder(stream);
        }
        chunks = [];
        recorder.addEventListener("dataavailable", function (e) {
          if (e.data && e.data.size) chunks.push(e.data);
        });
        recorder.addEventListener("stop", finished);
        recorder.start(1000);
        startedAt = performance.now();
        chooseRecordingKind();
        box.classList.add("recording");
        startBtn.hidden = true;
        startBtn.disabled = false;
        stopBtn.hidden = false;
        timer.hidden = false;
        showPrompter();
        say(msg("recording"));
        tick();
        tickTimer = setInterval(tick, 250);
        stopBtn.focus();
      })
      .catch(function () {
        startBtn.disabled = false;
        say(msg("denied"), true);
      });
  }

  function stop() {
    if (!recorder || recorder.state === "inactive") return;
    clearInterval(tickTimer);
    cancelAnimationFrame(scrollFrame);
    recorder.stop();
    stream.getTracks().forEach(function (t) { t.stop(); });
  }

  function finished() {
    box.classList.remove("recording");
    prompter.hidden = true;
    stopBtn.hidden = true;
    var type = recorder.mimeType || (chunks[0] && chunks[0].type) || "audio/webm";
    blob = new Blob(chunks, { type: type });
    if (!blob.size) {
      blob = null;
      startBtn.hidden = false;
      say(msg("empty"), true);
      return;
    }
    url = URL.createObjectURL(blob);
    audio.src = url;
    review.hidden = false;
    say(msg("recorded"));
    playBtn.focus();
  }

  function recordedFile() {
    var base = blob.type.split(";")[0];
    var stamp = new Date().toISOString().slice(0, 19).replace(/[-:T]/g, "");
    return new File([blob], "ghi-am-" + stamp + "." + (EXTENSIONS[base] || "webm"), { type: base });
  }

  function sendWithFetch(file) {
    // For browsers that cannot set a file input: the same form, the same route.
    var data = new FormData(form);
    data.set("file", file);
    data.set("action", "submit");
    fetch(form.action, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (r) {
        if (r.ok && r.redirected) {
          location.assign(r.url);
          return null;
        }
        return r.text().then(function (html) {
          var page = new DOMParser().parseFromString(html, "text/html");
          var error = page.querySelector(".error");
          say(error ? error.textContent : msg("failed"), true);
        });
      })
      .catch(function () { say(msg("failed"), true); });
  }

  function send() {
    if (!blob) return;
    chooseRecordingKind();
    if (!form.checkValidity()) {
      form.reportValidity(); // the title, topic or area is missing: the browser says which
      return;
    }
    var file = recordedFile();
    var submit = form.querySelector("button[name=action][value=submit]");
    say(msg("sending"));
    try {
      var dt = new DataTransfer();
      dt.items.add(file);
      fileInput.files = dt.files;
    } catch (e) {
      sendWithFetch(file);
      return;
    }
    if (fileInput.files.length !== 1) {
      sendWithFetch(file);
    } else if (form.requestSubmit) {
      form.requestSubmit(submit);
    } else {
      submit.click();
    }
  }

  startBtn.addEventListener("click", start);
  stopBtn.addEventListener("click", stop);
  redoBtn.addEventListener("click", start);
  sendBtn.addEventListener("click", send);
  playBtn.addEventListener("click", function () {
    audio.currentTime = 0;
    audio.play().catch(function () { /* the controls are there to try again */ });
  });
})();
