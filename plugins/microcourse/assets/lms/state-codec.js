/* The learner's state as SCORM suspend data: compact, ASCII, self-contained.
 * SCORM 1.2 keeps at most 4,096 characters, and the whole course finished, with
 * a sign-off, must fit. The state course.js keeps (see "Where progress goes") is
 *   { v, role, quizzes: { id: { best, passed, fingerprint, updated } },
 *     visited: { lessonId: time }, ...fields this runtime does not know }
 * and is written as one JSON array:
 *   ["mc1", role or 0, t0, names, quizzes, visited, carried]
 * names: every lesson and quiz id, once; elsewhere an id is its index in names.
 * t0: the earliest time, in seconds; other times are seconds after it.
 * quizzes: one array per quiz: [name, best, passed (1/0), fingerprint, time],
 *   then, if it has them, the time it was first passed (or null) and its other
 *   fields (packed as carried, below).
 *   A fingerprint that is the course's current one is cut to its first
 *   FINGERPRINT_KEPT characters, and made whole again on reading while the
 *   course still has it (a changed quiz stays out of date, as it should).
 * visited: flat, two per lesson: name, time.
 * carried: every other field, as it is, but strings that are lesson or quiz ids, or
 *   longer than REPEAT_MIN and there more than once (a sign-off's statement, kept
 *   with each sign-off), go into names too, and are written "~<index in names>"
 *   (a string that starts with "~" gets one more). A digest the course has now
 *   (a sign-off's, or a covered lesson's, in config.signoffs) is written
 *   "~#<its first DIGEST_KEPT characters>" and made whole again on reading while
 *   the course still has it; older digests are written whole.
 * Anything else that parses as JSON (an older version's plain state) is read as it is. */
(() => {
  "use strict";

  const FORMAT = "mc1";
  const FINGERPRINT_KEPT = 6;
  const REPEAT_MIN = 8;
  const DIGEST_KEPT = 12;
  const isDigest = (v) => typeof v === "string" && /^[0-9a-f]{32,}$/.test(v);
  const KNOWN = new Set(["v", "role", "quizzes", "visited"]);
  const QUIZ_KNOWN = new Set(["best", "passed", "fingerprint", "updated", "passedAt"]);
  const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
  const seconds = (ms) => (Number.isFinite(ms) ? Math.round(ms / 1000) : 0);

  function courseIds(config) {
    const lessons = (Array.isArray(config && config.lessons) ? config.lessons : []).filter((l) => isObject(l) && typeof l.id === "string");
    const fingerprints = new Map();
    for (const lesson of lessons) {
      for (const quiz of Array.isArray(lesson.quizzes) ? lesson.quizzes : []) {
        if (isObject(quiz) && typeof quiz.id === "string") fingerprints.set(quiz.id, String(quiz.fingerprint || ""));
      }
    }
    const digests = new Set();
    for (const signoff of Array.isArray(config && config.signoffs) ? config.signoffs : []) {
      if (!isObject(signoff)) continue;
      for (const value of [signoff.digest, ...Object.values(isObject(signoff.lessons) ? signoff.lessons : {})]) {
        if (isDigest(value)) digests.add(value);
      }
    }
    return { ids: new Set([...lessons.map((l) => l.id), ...fingerprints.keys()]), fingerprints, digests };
  }

  // Non-ASCII as \u escapes: some LMSs store suspend data in a single-byte column.
  const ascii = (text) => text.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

  function encode(state, config) {
    if (!isObject(state)) return "";
    const course = courseIds(config);
    const names = [];
    const index = new Map();
    const name = (id) => {
      if (!index.has(id)) index.set(id, names.push(id) - 1);
      return index.get(id);
    };
    const quizzes = Object.entries(isObject(state.quizzes) ? state.quizzes : {}).filter(([, r]) => isObject(r));
    const visited = Object.entries(isObject(state.visited) ? state.visited : {});
    const passedAt = (r) => (Number.isFinite(r.passedAt) ? seconds(r.passedAt) : null);
    const times = [
      ...quizzes.map(([, r]) => seconds(r.updated)),
      ...quizzes.map(([, r]) => passedAt(r)).filter((t) => t !== null),
      ...visited.map(([, t]) => seconds(t)),
    ];
    const t0 = times.length ? Math.min(...times) : 0;
    const extra = Object.fromEntries(Object.entries(state).filter(([k]) => !KNOWN.has(k)));
    const seen = new Map();
    const count = (value) => {
      if (typeof value === "string") seen.set(value, (seen.get(value) || 0) + 1);
      else if (Array.isArray(value)) value.forEach(count);
      else if (isObject(value)) for (const [k, v] of Object.entries(value)) count(k), count(v);
    };
    count(extra);
    const tabled = (text) => course.ids.has(text) || (text.length > REPEAT_MIN && seen.get(text) > 1);
    const pack = (value) => {
      if (typeof value === "string") {
        if (course.digests.has(value)) return `~#${value.slice(0, DIGEST_KEPT)}`;
        if (tabled(value)) return `~${name(value)}`;
        return value.startsWith("~") ? `~${value}` : value;
      }
      if (Array.isArray(value)) return value.map(pack);
      if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [pack(k), pack(v)]));
      return value;
    };
    const q = [];
    for (const [id, r] of quizzes) {
      const fingerprint = String(r.fingerprint ?? "");
      const current = course.fingerprints.get(id);
      const kept = current && fingerprint === current ? fingerprint.slice(0, FINGERPRINT_KEPT) : fingerprint;
      const entry = [name(id), Number(r.best) || 0, r.passed ? 1 : 0, kept, seconds(r.updated) - t0];
      const others = Object.fromEntries(Object.entries(r).filter(([k]) => !QUIZ_KNOWN.has(k)));
      const first = passedAt(r);
      if (first !== null || Object.keys(others).length) entry.push(first === null ? null : first - t0);
      if (Object.keys(others).length) entry.push(pack(others));
      q.push(entry);
    }
    const l = [];
    for (const [id, when] of visited) l.push(name(id), seconds(when) - t0);
    const carried = pack(extra);
    const role = typeof state.role === "string" ? state.role : 0;
    const parts = [FORMAT, role, t0, names, q, l];
    if (Object.keys(carried).length) parts.push(carried);
    return ascii(JSON.stringify(parts));
  }

  function decode(text, config) {
    if (typeof text !== "string" || !text) return null;
    let data;
    try {
      data = JSON.parse(text);
    } catch {
      return null;
    }
    if (!Array.isArray(data) || data[0] !== FORMAT) return isObject(data) ? data : null;
    const [, role, t0, names, q, l, carried] = data;
    if (!Number.isFinite(t0) || !Array.isArray(names) || !Array.isArray(q) || !Array.isArray(l)) return null;
    const course = courseIds(config);
    const id = (i) => (Number.isInteger(i) && typeof names[i] === "string" ? names[i] : null);
    const state = { v: 1, role: typeof role === "string" ? role : null, quizzes: Object.create(null), visited: Object.create(null) };
    const unpack = (value) => {
      if (typeof value === "string") {
        if (value.startsWith("~~")) return value.slice(1);
        if (value.startsWith("~#")) {
          const kept = value.slice(2);
          const matches = [...course.digests].filter((d) => d.startsWith(kept));
          return matches.length === 1 ? matches[0] : kept;
        }
        const match = /^~(\d+)$/.exec(value);
        return match && id(Number(match[1])) !== null ? id(Number(match[1])) : value;
      }
      if (Array.isArray(value)) return value.map(unpack);
      if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [unpack(k), unpack(v)]));
      return value;
    };
    for (const entry of q) {
      if (!Array.isArray(entry)) continue;
      const [ref, best, passed, fingerprint, updated, first, others] = entry;
      const quiz = id(ref);
      if (quiz === null) continue;
      const kept = String(fingerprint);
      const current = course.fingerprints.get(quiz);
      state.quizzes[quiz] = {
        ...(isObject(others) ? unpack(others) : {}),
        best,
        passed: passed === 1,
        fingerprint: current && kept.length === FINGERPRINT_KEPT && current.startsWith(kept) ? current : kept,
        updated: (t0 + updated) * 1000,
      };
      if (Number.isFinite(first)) state.quizzes[quiz].passedAt = (t0 + first) * 1000;
    }
    for (let i = 0; i + 1 < l.length; i += 2) {
      const lesson = id(l[i]);
      if (lesson !== null) state.visited[lesson] = (t0 + l[i + 1]) * 1000;
    }
    if (isObject(carried)) {
      for (const [key, value] of Object.entries(unpack(carried))) if (!KNOWN.has(key)) state[key] = value;
    }
    return state;
  }

  window.mcStateCodec = { encode, decode };
})();
