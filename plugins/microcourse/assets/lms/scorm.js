/* SCORM 1.2 and SCORM 2004 (4th edition) for the launch page (lms-host.js).
 * One session for the visit: initialize at launch, commit after each quiz is
 * checked, finish when the window goes (pagehide) with the session time, exit
 * "suspend" while the learner's path is unfinished. The state goes to
 * suspend_data (state-codec.js), each answer and each policy sign-off becomes
 * an interaction, and the path's progress sets status, score (and in 2004
 * progress_measure). */
(() => {
  "use strict";

  const VERSIONS = {
    scorm12: {
      api: "API",
      call: { init: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit", finish: "LMSFinish", error: "LMSGetLastError" },
      suspendLimit: 4096,
      locationLimit: 255,
      entry: "cmi.core.entry",
      exit: "cmi.core.exit",
      exitDone: "",
      location: "cmi.core.lesson_location",
      sessionTime: "cmi.core.session_time",
      score: "cmi.core.score",
      wrong: "wrong",
      signoffType: "fill-in",
      response: (type, picks) => (type === "true-false" ? (picks[0] === 0 ? "t" : "f") : picks.map(letter).join(",")),
      time: (date) => date.toTimeString().slice(0, 8),
      span: timespan12,
    },
    scorm2004: {
      api: "API_1484_11",
      call: { init: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit", finish: "Terminate", error: "GetLastError" },
      suspendLimit: 64000,
      locationLimit: 1000,
      entry: "cmi.entry",
      exit: "cmi.exit",
      exitDone: "normal",
      location: "cmi.location",
      sessionTime: "cmi.session_time",
      score: "cmi.score",
      wrong: "incorrect",
      signoffType: "other",
      response: (type, picks) => (type === "true-false" ? String(picks[0] === 0) : picks.map(letter).join("[,]")),
      time: (date) => `${date.toISOString().slice(0, 22)}Z`,
      span: duration2004,
    },
  };
  const MAX_TRIES = 500; // the ADL API discovery algorithm's limit on frames climbed

  // Options are a, b, c...: as a SCORM 1.2 choice response must be (single characters).
  const letter = (index) => "abcdefghijklmnopqrstuvwxyz0123456789"[index] || String(index);
  const pad = (n, width) => String(Math.floor(n)).padStart(width, "0");

  function timespan12(ms) {
    const s = Math.max(0, ms) / 1000;
    const hours = Math.min(9999, Math.floor(s / 3600));
    const centi = Math.floor((s % 1) * 100);
    return `${pad(hours, 4)}:${pad((s % 3600) / 60, 2)}:${pad(s % 60, 2)}.${pad(centi, 2)}`;
  }

  function duration2004(ms) {
    const s = Math.max(0, ms) / 1000;
    const hours = Math.floor(s / 3600);
    const minutes = Math.floor((s % 3600) / 60);
    const rest = Math.round((s % 60) * 100) / 100;
    return `PT${hours ? `${hours}H` : ""}${minutes ? `${minutes}M` : ""}${rest}S`;
  }

  // The API object in this window or one it sits in, climbing at most MAX_TRIES parents.
  function scan(win, name) {
    let tries = 0;
    try {
      while (win[name] == null && win.parent != null && win.parent !== win) {
        tries += 1;
        if (tries > MAX_TRIES) return null;
        win = win.parent;
      }
      return win[name] || null;
    } catch {
      return null; // a window of another origin: no API for us there
    }
  }

  function findApi(name) {
    let api = scan(window, name);
    for (const opener of [window.opener, window.top && window.top.opener]) {
      if (!api && opener) api = scan(opener, name);
    }
    return api;
  }

  // Interaction ids: no spaces, and only what both versions' identifier types allow.
  const interactionId = (event) => `${event.quiz}.${event.question}`.replace(/[^\w.:-]/g, "_").slice(0, 250);

  function start(version, context) {
    const api = findApi(version.api);
    if (!api) return null;
    const call = (name, ...args) => {
      try {
        return String(api[version.call[name]](...args));
      } catch (error) {
        console.warn(`SCORM ${version.call[name]} failed:`, error);
        return "";
      }
    };
    if (call("init", "") !== "true") {
      console.warn("SCORM session could not start, error", call("error"));
      return null;
    }
    const startedAt = Date.now();
    let finished = false;
    let commitQueued = false;
    let lastSuspend = null;
    let lastMark = startedAt; // when the current question was shown, as near as we know
    const get = (element) => (finished ? "" : call("get", element));
    const set = (element, value) => {
      if (finished) return;
      if (call("set", element, String(value)) !== "true") console.warn(`SCORM could not set ${element}, error`, call("error"));
    };
    const is12 = version === VERSIONS.scorm12;
    // Browse and review launches look without being recorded: nothing that changes the result.
    const mode = get(is12 ? "cmi.core.lesson_mode" : "cmi.mode");
    const recording = mode !== "browse" && mode !== "review";
    const record = (element, value) => {
      if (recording) set(element, value);
    };
    const statusElement = is12 ? "cmi.core.lesson_status" : "cmi.completion_status";
    const status = get(statusElement);
    let complete = is12 ? status === "passed" || status === "completed" : status === "completed";
    if (status === "not attempted" || status === "unknown" || status === "") {
      if (is12 && mode === "browse") set(statusElement, "browsed");
      else record(statusElement, "incomplete");
    }
    record(version.exit, complete ? version.exitDone : "suspend");

    function commit() {
      commitQueued = false;
      if (!finished && call("commit", "") !== "true") console.warn("SCORM commit failed, error", call("error"));
    }

    function progress(event) {
      complete = Boolean(event.complete);
      const score = Math.max(0, Math.min(100, Math.round(Number(event.score) || 0)));
      if (is12) {
        record("cmi.core.lesson_status", complete ? "passed" : "incomplete");
      } else {
        record("cmi.completion_status", complete ? "completed" : "incomplete");
        record("cmi.success_status", complete ? "passed" : "unknown");
        const measure = event.total ? event.done / event.total : 1;
        record("cmi.progress_measure", String(Math.round(measure * 10000) / 10000));
        record("cmi.score.scaled", String(score / 100));
      }
      record(`${version.score}.min`, "0");
      record(`${version.score}.max`, "100");
      record(`${version.score}.raw`, String(score));
      record(version.exit, complete ? version.exitDone : "suspend");
    }

    function answered(event) {
      const now = Date.now();
      const type = event.questionType === "true_false" ? "true-false" : "choice";
      const n = Number(get("cmi.interactions._count")) || 0;
      const at = `cmi.interactions.${n}.`;
      record(`${at}id`, interactionId(event));
      record(`${at}type`, type);
      if (is12) {
        record(`${at}time`, version.time(new Date(now)));
        record(`${at}student_response`, version.response(type, event.response));
      } else {
        record(`${at}timestamp`, version.time(new Date(now)));
        record(`${at}description`, String(event.prompt || "").slice(0, 250));
        record(`${at}learner_response`, version.response(type, event.response));
      }
      record(`${at}correct_responses.0.pattern`, version.response(type, event.correctResponse));
      record(`${at}weighting`, "1");
      record(`${at}result`, event.correct ? "correct" : version.wrong);
      record(`${at}latency`, version.span(now - lastMark));
      lastMark = now;
    }

    // A sign-off: the policy version the learner acknowledged, when, and (2004) the statement.
    function signedOff(event) {
      const when = Number.isFinite(event.time) ? new Date(event.time) : new Date();
      const n = Number(get("cmi.interactions._count")) || 0;
      const at = `cmi.interactions.${n}.`;
      record(`${at}id`, `signoff.${event.id}.${event.version}`.replace(/[^\w.:-]/g, "_").slice(0, 250));
      record(`${at}type`, version.signoffType);
      if (is12) {
        record(`${at}time`, version.time(when));
        record(`${at}student_response`, String(event.version || "").slice(0, 255));
      } else {
        record(`${at}timestamp`, version.time(when));
        record(`${at}description`, String(event.statement || "").slice(0, 250));
        record(`${at}learner_response`, String(event.version || "").slice(0, 4000));
      }
      record(`${at}result`, "neutral");
    }

    // The state as suspend data within the version's limit, or null. Older signatures
    // are let go first: each is an interaction the LMS keeps already, and the course
    // needs only the latest of each sign-off to know whether the learner has signed.
    function fitted(state) {
      const text = window.mcStateCodec.encode(state, context.config);
      if (text.length <= version.suspendLimit) return text;
      const signoffs = state && typeof state.signoffs === "object" ? state.signoffs : null;
      if (!signoffs) return null;
      const latest = Object.fromEntries(Object.entries(signoffs).map(([id, list]) => [id, Array.isArray(list) ? list.slice(-1) : list]));
      const shorter = window.mcStateCodec.encode({ ...state, signoffs: latest }, context.config);
      return shorter.length <= version.suspendLimit ? shorter : null;
    }

    function queueCommit() {
      if (commitQueued) return;
      commitQueued = true;
      Promise.resolve().then(commit);
    }

    return {
      state: window.mcStateCodec.decode(get("cmi.suspend_data"), context.config),
      location: get(version.location) || null,
      // False when the state cannot be kept: the host then tells the learner.
      saveState(state) {
        const text = fitted(state);
        if (text === null) {
          console.warn(`progress is more than this LMS keeps (${version.suspendLimit} characters)`);
          return false;
        }
        if (text !== lastSuspend) {
          lastSuspend = text;
          record("cmi.suspend_data", text);
        }
        return true;
      },
      report(event) {
        if (finished || !event) return;
        if (event.type === "answered") answered(event);
        else if (event.type === "progress") progress(event);
        else if (event.type === "signoff") {
          signedOff(event);
          queueCommit();
        } else if (event.type === "quiz") {
          queueCommit(); // after the progress this check brings, which course.js reports next
        }
      },
      pageShown() {
        lastMark = Date.now();
      },
      finish({ location }) {
        if (finished) return;
        if (location && location.length <= version.locationLimit) record(version.location, location);
        record(version.exit, complete ? version.exitDone : "suspend");
        set(version.sessionTime, version.span(Date.now() - startedAt));
        commit();
        call("finish", "");
        finished = true;
      },
    };
  }

  for (const name of Object.keys(VERSIONS)) {
    window.mcLmsHost.register(name, (context) => start(VERSIONS[name], context));
  }
})();
