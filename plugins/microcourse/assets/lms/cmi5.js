/* Microcourse, the cmi5 runtime: the course as one cmi5 AU reporting to an LRS.
 * Loaded only by a cmi5 package's launch page, which holds the session for the
 * whole visit; the course pages run in its frame and report through the host
 * this returns (see "Where progress goes" in course.js).
 *
 * Hand-written rather than @xapi/cmi5 (30 kB gzipped with axios bundled, every
 * request an XHR, so `terminated` on pagehide is lost, and no queue for an LRS
 * that is down): this does the cmi5 handshake, statements, State and a queue.
 * Sections of the cmi5 spec (Quartz) are cited as §. */
(() => {
  "use strict";

  const XAPI_VERSION = "1.0.3";
  const VERB = "http://adlnet.gov/expapi/verbs/";
  const CMI5 = "https://w3id.org/xapi/cmi5/";
  const CATEGORY_CMI5 = { id: `${CMI5}context/categories/cmi5` };
  const CATEGORY_MOVEON = { id: `${CMI5}context/categories/moveon` };
  const MASTERY = `${CMI5}context/extensions/masteryscore`;
  const INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction";
  const ASSESSMENT = "http://adlnet.gov/expapi/activities/assessment";
  const ACKNOWLEDGE = "http://activitystrea.ms/schema/1.0/acknowledge"; // xAPI registry
  const STATE_ID = "microcourse.progress";
  const BATCH = 25;
  const KEEPALIVE_LIMIT = 60000; // a page's keepalive requests share 64 KiB

  const clone = (value) => JSON.parse(JSON.stringify(value));
  const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

  // A v4 UUID from getRandomValues, which (unlike randomUUID) works over plain http too.
  function uuid() {
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  function duration(ms) {
    return `PT${Math.max(0, ms / 1000).toFixed(2)}S`;
  }

  // localStorage that may be missing or full: the session goes on in memory.
  const local = {
    get(key) {
      try {
        return JSON.parse(window.localStorage.getItem(key));
      } catch {
        return null;
      }
    },
    set(key, value) {
      try {
        window.localStorage.setItem(key, JSON.stringify(value));
      } catch {
        /* memory only */
      }
    },
  };
  const session = {
    get(key) {
      try {
        return JSON.parse(window.sessionStorage.getItem(key));
      } catch {
        return null;
      }
    },
    set(key, value) {
      try {
        window.sessionStorage.setItem(key, JSON.stringify(value));
      } catch {
        /* memory only */
      }
    },
  };

  /* §8.1: the launch parameters, or null when this page was not launched by a cmi5 LMS. */
  function launchParameters(search) {
    const query = new URLSearchParams(search);
    const names = ["endpoint", "fetch", "actor", "registration", "activityId"];
    if (!names.every((n) => query.get(n))) return null;
    let actor;
    try {
      actor = JSON.parse(query.get("actor"));
    } catch {
      return null;
    }
    const endpoint = query.get("endpoint");
    return {
      endpoint: endpoint.endsWith("/") ? endpoint : `${endpoint}/`,
      fetch: query.get("fetch"),
      actor,
      registration: query.get("registration"),
      activityId: query.get("activityId"),
    };
  }

  function connect({ search = location.search, language = "en", timeout = 8000 } = {}) {
    const launch = launchParameters(search);
    if (!launch) return Promise.resolve(null);
    const lang = language || "en";
    const keys = {
      session: `mc-cmi5-session:${launch.fetch}`,
      queue: `mc-cmi5-queue:${launch.registration}`,
      state: `mc-cmi5-state:${launch.registration}`,
    };
    // The session outlives a reload of the launch page: the fetch URL works only once (§8.2).
    const kept = session.get(keys.session) || {};
    let token = typeof kept.token === "string" ? kept.token : null;
    const started = Number.isFinite(kept.started) ? kept.started : Date.now();
    let launchData = null;
    let recording = false; // Normal launch mode: results may change
    let doc = { course: null, reported: {}, location: null, updated: 0 };
    let queue = Array.isArray(local.get(keys.queue)) ? local.get(keys.queue) : [];
    const waiting = []; // reports before the handshake finished
    let finished = false; // set again below for a session already over
    let sessionPassFail = false;

    const keepSession = (extra = {}) => {
      Object.assign(kept, extra);
      session.set(keys.session, { ...kept, token, started });
    };

    /* ---- xAPI requests ---- */

    function xapi(method, resource, { query = {}, body, keepalive = false, type = "application/json" } = {}) {
      const url = new URL(resource, launch.endpoint);
      for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
      const headers = { Authorization: `Basic ${token}`, "X-Experience-API-Version": XAPI_VERSION };
      if (body !== undefined) headers["Content-Type"] = type;
      return fetch(url, { method, headers, body, keepalive, cache: "no-store", credentials: "omit" });
    }

    const stateQuery = (stateId) => ({
      activityId: launch.activityId,
      agent: JSON.stringify(launch.actor),
      registration: launch.registration,
      stateId,
    });

    async function getJSON(resource, query) {
      const response = await xapi("GET", resource, { query });
      if (response.status === 404) return null;
      if (!response.ok) throw new Error(`${resource}: ${response.status}`);
      return response.json();
    }

    // §8.2: POST to the fetch URL once; an error answer is a 200 with "error-code".
    async function fetchToken() {
      if (token) return;
      const response = await fetch(launch.fetch, { method: "POST", cache: "no-store", credentials: "omit" });
      const answer = await response.json();
      if (typeof answer["auth-token"] !== "string") {
        kept.refused = `${answer["error-code"] || "?"} ${answer["error-text"] || ""}`.trim();
        keepSession();
        throw new Error(`fetch URL refused: ${kept.refused}`);
      }
      token = answer["auth-token"];
      keepSession();
    }

    /* ---- Statements ---- */

    function context({ category = [], parent, grouping = [], extensions, revision } = {}) {
      // §10.2.1: the template's values are kept as they are; ours are added beside them.
      const ctx = clone(launchData.contextTemplate || {});
      ctx.registration = launch.registration;
      const activities = (ctx.contextActivities = ctx.contextActivities || {});
      if (category.length) activities.category = [...(activities.category || []), ...category];
      if (parent) activities.parent = [...(activities.parent || []), ...parent];
      if (grouping.length) activities.grouping = [...(activities.grouping || []), ...grouping];
      if (extensions) ctx.extensions = { ...extensions, ...(ctx.extensions || {}) };
      if (revision) ctx.revision = revision;
      if (!ctx.language) ctx.language = lang;
      return ctx;
    }

    function statement(verb, object, result, ctx) {
      const s = { id: uuid(), actor: launch.actor, verb: { id: verb, display: { [lang]: verb.split("/").pop() } }, object };
      if (result) s.result = result;
      s.context = ctx;
      s.timestamp = new Date().toISOString();
      return s;
    }

    const au = () => ({ id: launch.activityId, objectType: "Activity" });
    const defined = (verb, result, extra = {}) => {
      const moveOn = result && ("success" in result || "completion" in result);
      return statement(VERB + verb, au(), result, context({ ...extra, category: moveOn ? [CATEGORY_CMI5, CATEGORY_MOVEON] : [CATEGORY_CMI5] }));
    };
    const activityUnderAU = (...parts) => `${launch.activityId}/${parts.map(encodeURIComponent).join("/")}`;

    function answeredStatement(e) {
      const quiz = activityUnderAU("quiz", e.quiz);
      const object = {
        id: activityUnderAU("quiz", e.quiz, "question", e.question),
        objectType: "Activity",
        definition: {
          type: INTERACTION,
          name: { [lang]: String(e.prompt || e.question) },
          interactionType: "choice",
          choices: (e.options || []).map((text, i) => ({ id: String(i), description: { [lang]: String(text) } })),
          correctResponsesPattern: [(e.correctResponse || []).join("[,]")],
        },
      };
      const result = { response: (e.response || []).join("[,]"), success: Boolean(e.correct), score: { scaled: e.correct ? 1 : 0 } };
      return statement(`${VERB}answered`, object, result, context({ parent: [{ id: quiz }], grouping: [au()] }));
    }

    function quizStatement(e) {
      const object = { id: activityUnderAU("quiz", e.quiz), objectType: "Activity", definition: { type: ASSESSMENT } };
      const score = Math.max(0, Math.min(100, Number(e.score) || 0));
      const result = { score: { scaled: score / 100, raw: score, min: 0, max: 100 }, success: Boolean(e.passed) };
      return statement(VERB + (e.passed ? "passed" : "failed"), object, result, context({ parent: [au()] }));
    }

    function signoffStatement(e) {
      const object = {
        id: activityUnderAU("policy", e.id),
        objectType: "Activity",
        definition: { name: { [lang]: String(e.statement || e.id) } },
      };
      const extensions = { [activityUnderAU("policy", e.id, "digest")]: String(e.digest || "") };
      const s = statement(ACKNOWLEDGE, object, { response: String(e.name || "") }, context({ parent: [au()], revision: String(e.version || ""), extensions }));
      if (Number.isFinite(e.time)) s.timestamp = new Date(e.time).toISOString();
      return s;
    }

    // §9.3: completed and passed once per registration (kept in our State document);
    // at most one of passed and failed per session; failed never after passed.
    function pathStatements(e) {
      const out = [];
      if (!e.complete) return out;
      const spent = duration(Date.now() - started);
      if (!doc.reported.completed) {
        out.push(defined("completed", { completion: true, duration: spent }));
        doc.reported.completed = Date.now();
      }
      if (doc.reported.passed || sessionPassFail) return out;
      const scaled = Math.max(0, Math.min(100, Number(e.score) || 0)) / 100;
      const mastery = Number.isFinite(launchData.masteryScore) ? launchData.masteryScore : null;
      const extensions = mastery === null ? undefined : { [MASTERY]: mastery };
      const passed = mastery === null || scaled >= mastery;
      out.push(defined(passed ? "passed" : "failed", { score: { scaled }, success: passed, duration: spent }, { extensions }));
      sessionPassFail = true;
      if (passed) doc.reported.passed = Date.now();
      return out;
    }

    /* ---- The queue: in order, kept in localStorage, retried until the LRS takes it ---- */

    let sending = false;
    let retryDelay = 1000;
    let retryTimer = null;
    const retryable = (status) => status === 408 || status === 429 || status >= 500;

    function enqueue(...statements) {
      queue.push(...statements);
      local.set(keys.queue, queue);
      flush();
    }

    function retryLater() {
      clearTimeout(retryTimer);
      retryTimer = setTimeout(flush, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 30000);
    }

    async function post(batch) {
      return xapi("POST", "statements", { body: JSON.stringify(batch) });
    }

    async function flush() {
      if (sending || finished || !token || !launchData || !queue.length) return;
      sending = true;
      try {
        while (queue.length && !finished) {
          const batch = queue.slice(0, BATCH);
          const response = await post(batch);
          if (response.ok) {
            queue.splice(0, batch.length);
          } else if (retryable(response.status)) {
            throw new Error(`LRS answered ${response.status}`);
          } else if (batch.length > 1) {
            // Find the one the LRS refuses: send this batch one statement at a time.
            const one = await post([batch[0]]);
            if (!one.ok && retryable(one.status)) throw new Error(`LRS answered ${one.status}`);
            if (!one.ok) console.error("microcourse: the LRS refused a statement", one.status, batch[0]);
            queue.shift();
          } else {
            console.error("microcourse: the LRS refused a statement", response.status, batch[0]);
            queue.shift();
          }
          local.set(keys.queue, queue);
          retryDelay = 1000;
        }
      } catch {
        retryLater();
      } finally {
        sending = false;
      }
    }

    /* ---- The State document: the course's state and what was reported ---- */

    let statePut = null;
    let stateDirty = false;

    function keepState() {
      doc.updated = Date.now();
      local.set(keys.state, doc);
      stateDirty = true;
      if (!statePut) statePut = setTimeout(putState, 250);
    }

    async function putState() {
      statePut = null;
      if (!token || !launchData || !stateDirty || finished) return;
      stateDirty = false;
      try {
        const response = await xapi("PUT", "activities/state", { query: stateQuery(STATE_ID), body: JSON.stringify(doc) });
        if (!response.ok) throw new Error(String(response.status));
      } catch {
        stateDirty = true;
        statePut = setTimeout(putState, retryDelay);
      }
    }

    /* ---- The host course.js reports to ---- */

    function handle(event) {
      if (!isObject(event)) return;
      const out = [];
      if (event.type === "answered") out.push(answeredStatement(event));
      else if (event.type === "quiz") out.push(quizStatement(event));
      else if (event.type === "signoff") out.push(signoffStatement(event));
      else if (event.type === "progress") out.push(...pathStatements(event));
      if (!out.length) return;
      if (event.type === "progress") keepState(); // what was reported, before it is sent
      enqueue(...out);
    }

    // The session the launch page holds (lms-host.js); course.js reaches it as mcCourseHost.
    const host = {
      launchMode: "Normal",
      returnURL: null,
      preferences: null,
      get state() {
        return doc.course;
      },
      get location() {
        return typeof doc.location === "string" ? doc.location : null;
      },
      saveState(state) {
        doc.course = clone(state);
        if (recording) keepState();
      },
      report(event) {
        if (!launchData) waiting.push(event);
        else if (recording) handle(event);
      },
      // §11.2: with audioPreference "off", every video or audio in the course starts muted.
      pageShown() {
        if (!host.preferences || host.preferences.audioPreference !== "off") return;
        try {
          const page = document.querySelector("iframe.mc-lms-frame").contentDocument;
          const mute = (media) => {
            media.muted = true;
          };
          page.querySelectorAll("video, audio").forEach(mute);
          if (!page.mcMuted) page.addEventListener("play", (event) => mute(event.target), true);
          page.mcMuted = true;
        } catch {
          /* a page of another origin: not ours */
        }
      },
      // §7.1.2, §9.3.8: terminated last, by a request that outlives the page.
      finish({ location: where } = {}) {
        if (finished) return;
        if (recording && typeof where === "string" && where !== doc.location) {
          doc.location = where;
          keepState();
        }
        if (!token || !launchData || kept.terminated) {
          finished = true;
          return;
        }
        clearTimeout(retryTimer);
        clearTimeout(statePut);
        if (recording && stateDirty) {
          xapi("PUT", "activities/state", { query: stateQuery(STATE_ID), body: JSON.stringify(doc), keepalive: true }).catch(() => {});
        }
        const terminated = defined("terminated", { duration: duration(Date.now() - started) });
        queue.push(terminated);
        local.set(keys.queue, queue);
        finished = true;
        keepSession({ terminated: terminated.id });
        let batch = queue;
        while (batch.length > 1 && JSON.stringify(batch).length > KEEPALIVE_LIMIT) batch = batch.slice(1);
        // keepalive: the request goes on after the page is gone (an XHR would be cancelled).
        // What the LRS confirms leaves the stored queue if this page is still there to
        // hear it; else the next launch sends it again (an LRS ignores an id it has).
        xapi("POST", "statements", { body: JSON.stringify(batch), keepalive: true })
          .then((response) => {
            if (response.ok) {
              queue = queue.filter((s) => !batch.includes(s));
              local.set(keys.queue, queue);
            }
          })
          .catch(() => {});
      },
    };

    /* ---- Start: token, LMS.LaunchData, preferences, our state, initialized ---- */

    // A reload of the launch page keeps the session unless the LRS has its
    // `terminated` (§9.3.8: then nothing more is sent; progress stays in this
    // browser and goes with the next launch). One that never left is taken back.
    async function resumeSession() {
      if (!kept.terminated) return;
      const response = await xapi("GET", "statements", { query: { statementId: kept.terminated } }).catch(() => null);
      queue = queue.filter((s) => s && s.id !== kept.terminated);
      local.set(keys.queue, queue);
      if (response && response.ok) finished = true;
      else keepSession({ terminated: null });
    }

    // §9.3.3, §9.3.4: completed and passed once per registration. Our State document
    // says what was sent; the LRS itself is asked too, in case that document was lost.
    async function reportedInLRS() {
      for (const verb of ["completed", "passed"]) {
        if (doc.reported[verb]) continue;
        const query = {
          verb: VERB + verb,
          activity: launch.activityId,
          registration: launch.registration,
          agent: JSON.stringify(launch.actor),
          limit: "1",
        };
        const answer = await getJSON("statements", query).catch(() => null);
        if (isObject(answer) && Array.isArray(answer.statements) && answer.statements.length) {
          doc.reported[verb] = Date.now();
        }
      }
    }

    async function handshake() {
      await fetchToken();
      await resumeSession();
      const data = await getJSON("activities/state", stateQuery("LMS.LaunchData"));
      if (!isObject(data)) throw new Error("no LMS.LaunchData");
      // §11: the learner preferences, read at startup (the course has one language).
      host.preferences = await getJSON("agents/profile", {
        agent: JSON.stringify(launch.actor),
        profileId: "cmi5LearnerPreferences",
      }).catch(() => null);
      const remote = await getJSON("activities/state", stateQuery(STATE_ID)).catch(() => null);
      const mirror = local.get(keys.state);
      const newest = [remote, mirror].filter((d) => isObject(d) && Number.isFinite(d.updated))
        .sort((a, b) => b.updated - a.updated)[0];
      if (newest) doc = fromStored(newest);
      await reportedInLRS();
      launchData = data;
      host.launchMode = ["Browse", "Review"].includes(data.launchMode) ? data.launchMode : "Normal";
      host.returnURL = typeof data.returnURL === "string" && data.returnURL ? data.returnURL : null;
      recording = host.launchMode === "Normal";
      if (!kept.initialized) {
        queue.push(defined("initialized"));
        local.set(keys.queue, queue);
        keepSession({ initialized: true });
        kept.initialized = true;
      }
      if (recording) for (const event of waiting.splice(0)) handle(event);
      waiting.length = 0;
      if (recording && mirror && remote && mirror.updated > remote.updated) keepState();
      flush();
    }

    addEventListener("online", () => {
      retryDelay = 1000;
      flush();
    });

    // The course opens when the handshake is done, or after `timeout` without it
    // (the LRS never blocks a learner); a late handshake still reports what came before.
    let attempt = 0;
    const ready = new Promise((resolve) => {
      const tryAgain = () =>
        handshake().then(resolve, () => {
          if (kept.refused || finished) return resolve();
          setTimeout(tryAgain, Math.min(1000 * 2 ** attempt++, 30000));
        });
      tryAgain();
      setTimeout(resolve, timeout);
    });
    const mirror = local.get(keys.state);
    if (isObject(mirror)) doc = fromStored(mirror);
    return ready.then(() => host);
  }

  const fromStored = (d) => ({
    course: d.course ?? null,
    reported: isObject(d.reported) ? d.reported : {},
    location: typeof d.location === "string" ? d.location : null,
    updated: Number(d.updated) || 0,
  });

  // §10.2.6: with a returnURL, an Exit control ends the session and goes there.
  function exitControl(host) {
    if (!host.returnURL) return;
    const bar = document.createElement("nav");
    bar.className = "mc-lms-bar";
    bar.setAttribute("aria-label", document.title);
    bar.style.cssText = "display:flex;justify-content:flex-end;padding:.25rem .5rem;font:14px/1.4 system-ui,sans-serif;background:#f5f5f5;border-bottom:1px solid #ccc";
    const exit = document.createElement("button");
    exit.type = "button";
    exit.textContent = (window.mcCourseConfig?.strings || {}).lms_exit || "Exit";
    exit.addEventListener("click", () => {
      const frame = document.querySelector("iframe.mc-lms-frame");
      let where = null;
      try {
        const base = new URL("./", location.href).href;
        const href = frame.contentWindow.location.href;
        where = href.startsWith(base) ? href.slice(base.length) : null;
      } catch {
        where = null;
      }
      host.finish({ location: where });
      location.assign(host.returnURL);
    });
    bar.append(exit);
    document.body.prepend(bar);
    document.body.style.cssText = "display:flex;flex-direction:column";
    const frame = document.querySelector("iframe.mc-lms-frame");
    if (frame) frame.style.cssText = "flex:1;height:auto;min-height:0";
  }

  window.mcLmsHost.register("cmi5", async () => {
    const host = await connect({ language: document.documentElement.lang });
    if (host) exitControl(host);
    return host;
  });
})();
