/* Microcourse, the learner's side: self-graded quizzes, the role picker,
 * progress kept in this browser, completion ticks, click-to-load videos.
 * Loaded once per site, set up per page (Material's instant navigation).
 * Markup: templates/course/*.html; every word: mcCourseConfig.strings. */
(() => {
  "use strict";

  const config = window.mcCourseConfig || {};
  const strings = config.strings || {};
  const roles = (Array.isArray(config.roles) ? config.roles : []).filter((r) => r && typeof r.id === "string");
  const lessons = (Array.isArray(config.lessons) ? config.lessons : []).filter((l) => l && typeof l.id === "string");
  const EMBED_HOSTS = ["www.youtube-nocookie.com", "player.vimeo.com"];
  // strings lesson_<status>
  const STATUSES = ["complete", "in-progress", "not-started", "off-path"];
  // An option the learner did not pick but should have: "Also right" beside a right
  // pick, "Right answer" when they picked none (a wrong single choice, say).
  const MARKS = { correct: "✓", incorrect: "✗", missed: "✓", answer: "✓" };
  const markText = (mark) => t(`option_${mark === "answer" ? "correct" : mark}`);

  // course.js is served at <base>/assets/course/course.js; the site may live under any sub-path.
  const script = document.currentScript || document.querySelector('script[src*="assets/course/course.js"]');
  const base = new URL("../../", script ? script.src : location.href);

  /* ---- Small helpers ---- */

  const t = (name, values = {}) =>
    String(strings[name] ?? name).replace(/\{(\w+)\}/g, (all, k) => (Object.hasOwn(values, k) ? String(values[k]) : all));
  const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
  const roleById = (id) => roles.find((r) => r.id === id);
  const rolesOf = (node) => (node.dataset.mcRoles || "").split(/\s+/).filter(Boolean);
  const roleTitles = (ids) => ids.map((id) => (roleById(id) || { title: id }).title).join(", ");
  // Empty roles mean everyone; with no role chosen, only content for everyone applies.
  const appliesTo = (ids, role) => ids.length === 0 || (role !== null && ids.includes(role));
  const listOf = (value) => (Array.isArray(value) ? value : []);
  // A path id is a role id or "everyone" (the lessons for everyone: no role).
  const pathRole = (id, fallback) => (id === "everyone" ? null : roleById(id) ? id : fallback);

  function h(tag, className, ...children) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    node.append(...children);
    return node;
  }
  function icon(symbol) {
    const node = h("span", "mc-icon", symbol);
    node.setAttribute("aria-hidden", "true");
    return node;
  }
  function button(className, label) {
    const node = h("button", `md-button ${className}`, label);
    node.type = "button";
    return node;
  }
  function toggle(className, kind) {
    const node = h("div", className, h("p", "mc-quiz__note"), button("mc-quiz__toggle"));
    node.lastChild.dataset.mcToggle = kind;
    return node;
  }

  /* ---- Where progress goes ----
   * The course keeps the learner's state through a reporter and tells it what
   * happens; it never knows what is behind it. On a plain site the reporter is
   * this browser's storage (below). In an LMS package the launch page, which
   * holds the LMS or LRS session for the whole visit, offers its own reporter
   * as `mcCourseHost` (assets/lms/), and every page in its frame reports there.
   *
   * A reporter has:
   *   loadState()        the stored state (any JSON value; cleaned here), or null
   *   saveState(state)   keep it (the plain site: localStorage; an LMS: suspend data)
   *   report(event)      what happened, one of:
   *     { type: "answered", lesson, quiz, question, questionType, prompt,
   *       options: [text], response: [index], correctResponse: [index], correct }
   *     { type: "quiz", lesson, quiz, score, passed }         once per attempt checked
   *     { type: "progress", role, done, total, complete, score, lessons: [{ id, status }] }
   *     { type: "signoff", id, statement, version, digest, changed, lessons: { id: digest },
   *       name, time }                                    (course-extras.js; kept in state.signoffs)
   *   persistent         false when nothing will outlive this visit
   */

  const STORE_KEY = `${config.storageKey || "microcourse"}:${base.pathname}`;
  const VERSION = 1;

  // One key per site, in localStorage; once it fails (private window, full
  // quota), the state lives in memory for the rest of the visit.
  function browserReporter() {
    const reporter = { persistent: true, memory: null };
    reporter.loadState = () => {
      if (!reporter.persistent) return reporter.memory;
      let text = null;
      try {
        text = window.localStorage.getItem(STORE_KEY);
      } catch {
        reporter.persistent = false;
        return reporter.memory;
      }
      try {
        return JSON.parse(text);
      } catch {
        // garbage: start afresh
        return null;
      }
    };
    reporter.saveState = (state) => {
      reporter.memory = state;
      if (!reporter.persistent) return;
      try {
        window.localStorage.setItem(STORE_KEY, JSON.stringify(state));
      } catch {
        reporter.persistent = false;
      }
    };
    reporter.report = () => {};
    return reporter;
  }

  // The launch page of an LMS package is this frame's parent (same origin); a
  // page of another origin around a plain site throws on access, and is no host.
  function hostReporter() {
    try {
      const host = window.parent !== window ? window.parent.mcCourseHost : null;
      return host && typeof host.loadState === "function" ? host : null;
    } catch {
      return null;
    }
  }

  const reporter = hostReporter() || browserReporter();

  function clean(raw) {
    // Null-prototype maps: a stored "__proto__" id stays an ordinary key.
    const state = { v: VERSION, role: null, chosen: false, quizzes: Object.create(null), visited: Object.create(null), signoffs: Object.create(null) };
    if (!isObject(raw)) return state;
    if (typeof raw.role === "string" && roleById(raw.role)) state.role = raw.role;
    // "Everyone" is a choice too.
    state.chosen = raw.chosen === true || state.role !== null;
    for (const [id, r] of Object.entries(isObject(raw.quizzes) ? raw.quizzes : {})) {
      if (isObject(r) && Number.isFinite(r.best) && r.best >= 0 && r.best <= 100 && typeof r.passed === "boolean"
        && typeof r.fingerprint === "string" && Number.isFinite(r.updated)) {
        state.quizzes[id] = { best: r.best, passed: r.passed, fingerprint: r.fingerprint, updated: r.updated };
        if (Number.isFinite(r.passedAt)) state.quizzes[id].passedAt = r.passedAt;
      }
    }
    // Every sign-off, oldest first: a new version's signature adds to the history.
    for (const [id, list] of Object.entries(isObject(raw.signoffs) ? raw.signoffs : {})) {
      const kept = (Array.isArray(list) ? list : []).filter((s) => isObject(s) && typeof s.name === "string"
        && typeof s.digest === "string" && isObject(s.lessons) && Number.isFinite(s.time));
      if (kept.length) state.signoffs[id] = kept;
    }
    for (const [id, when] of Object.entries(isObject(raw.visited) ? raw.visited : {})) {
      if (Number.isFinite(when)) state.visited[id] = when;
    }
    return state;
  }

  const load = () => clean(reporter.loadState());
  const save = (state) => reporter.saveState(state);

  /* ---- Progress: one definition, for the header, the navigation, the paths and the reporter ----
   * A role's path is the lessons for everyone plus the role's own (no role: the
   * lessons for everyone). On its path a lesson is complete when every quiz of it
   * that applies to the role is passed in its current version; one without such a
   * quiz is complete once visited. Off the path a lesson is never complete: reading
   * another role's track counts for that role's path, not the learner's. */

  const onPath = (lesson, role) => appliesTo(listOf(lesson.roles), role);
  const pathLessons = (role) => lessons.filter((l) => onPath(l, role));
  const quizzesFor = (lesson, role) => listOf(lesson.quizzes).filter((q) => isObject(q) && appliesTo(listOf(q.roles), role));

  function lessonStatus(lesson, role, state) {
    if (!onPath(lesson, role)) return "off-path";
    const quizzes = quizzesFor(lesson, role);
    const results = quizzes.map((q) => state.quizzes[q.id]);
    const visited = Boolean(state.visited[lesson.id]);
    if (quizzes.length ? results.every((r, i) => r && r.passed && r.fingerprint === quizzes[i].fingerprint) : visited) {
      return "complete";
    }
    return visited || results.some(Boolean) ? "in-progress" : "not-started";
  }

  // The learner's own path, as an LMS sees it: the score is the mean of the best
  // current scores of the path's quizzes.
  function pathSummary(state) {
    const role = state.role;
    const onMine = pathLessons(role);
    const statuses = onMine.map((l) => ({ id: l.id, status: lessonStatus(l, role, state) }));
    const scores = onMine.flatMap((l) => quizzesFor(l, role)).map((q) => {
      const result = state.quizzes[q.id];
      return result && result.fingerprint === q.fingerprint ? result.best : 0;
    });
    const done = statuses.filter((s) => s.status === "complete").length;
    const complete = done === onMine.length;
    const score = scores.length ? Math.round(scores.reduce((a, b) => a + b, 0) / scores.length) : complete ? 100 : 0;
    return { type: "progress", role, done, total: onMine.length, complete, score, lessons: statuses };
  }

  const reportProgress = () => reporter.report(pathSummary(load()));

  const pagePath = (url) => new URL(url, location.href).pathname.replace(/index\.html$/, "");
  const lessonsByPath = new Map(lessons.map((l) => [pagePath(new URL(String(l.url || ""), base)), l]));
  const lessonsById = new Map(lessons.map((l) => [l.id, l]));

  // [lesson id, status] along a path, as this page lists it (a path section) or the config does.
  function pathState(id, state) {
    const role = pathRole(id, state.role);
    const list = [...document.querySelectorAll("[data-mc-path]")].find((l) => l.dataset.mcPath === id);
    const ids = list ? [...list.querySelectorAll("[data-mc-lesson]")].map((li) => li.dataset.mcLesson) : pathLessons(role).map((l) => l.id);
    return ids.filter((i) => lessonsById.has(i)).map((i) => [i, lessonStatus(lessonsById.get(i), role, state)]);
  }
  const myPath = (state) => (state.chosen ? state.role || "everyone" : null);

  function renderProgress() {
    const state = load();
    const mine = myPath(state);
    for (const node of document.querySelectorAll("[data-mc-lesson-status]")) {
      const lesson = lessonsById.get(node.dataset.mcLessonStatus);
      if (!lesson) continue;
      // In a role's path, show progress on that role's path; elsewhere, on the learner's.
      const path = node.closest("[data-mc-path]");
      const role = path ? pathRole(path.dataset.mcPath, state.role) : state.role;
      const status = lessonStatus(lesson, role, state);
      const block = [...node.classList].find((c) => c.endsWith("__status")) || "mc-status";
      for (const s of STATUSES) node.classList.toggle(`${block}--${s}`, s === status);
      node.replaceChildren(...(status === "complete" ? [icon("✓"), " "] : []), t(`lesson_${status.replace("-", "_")}`));
      node.closest(".mc-path__item")?.classList.toggle("mc-path__item--complete", status === "complete");
    }
    for (const node of document.querySelectorAll("[data-mc-path-progress]")) {
      const id = node.dataset.mcPathProgress;
      const statuses = pathState(id, state);
      const text = t("progress", { done: statuses.filter(([, s]) => s === "complete").length, total: statuses.length });
      // "Your path" is heard; seen, the path is outlined (neither moves the page).
      node.replaceChildren(...(id === mine ? [h("span", "mc-visually-hidden", `${t("your_path")}: `)] : []), text);
      node.closest(".mc-path-section, .mc-role-choice__item")?.classList.toggle("mc-path--mine", id === mine);
    }
    // "Continue" to the first lesson not done yet, once a path is under way.
    for (const link of document.querySelectorAll("a[data-mc-continue]")) {
      const id = link.dataset.mcContinue;
      const statuses = pathState(id, state);
      const next = statuses.find(([, s]) => s !== "complete");
      const started = statuses.some(([, s]) => s !== "not-started");
      const target = lessonsById.get(next ? next[0] : statuses[0]?.[0] || "");
      if (target) link.href = new URL(String(target.url || ""), base).href;
      link.firstChild.textContent = t(!started ? "start_path" : next ? "continue_path" : "review_path");
    }
    for (const link of document.querySelectorAll("a.md-nav__link[href]")) {
      // table of contents
      if (link.hash || link.closest(".md-nav--secondary")) continue;
      const lesson = lessonsByPath.get(pagePath(link.href));
      const done = Boolean(lesson) && lessonStatus(lesson, state.role, state) === "complete";
      const tick = link.querySelector(".mc-nav-tick");
      if (done && !tick) link.append(h("span", "mc-nav-tick", icon("✓"), h("span", "mc-visually-hidden", t("lesson_complete"))));
      if (!done && tick) tick.remove();
    }
    document.dispatchEvent(new Event("mc-progress")); // for course-extras.js
  }

  /* ---- Roles ---- */

  function setRole(id) {
    const state = load();
    state.role = roleById(id) ? id : null;
    state.chosen = true;
    save(state);
    reportProgress();
  }

  function takeRoleFromAddress() {
    const url = new URL(location.href);
    if (!url.searchParams.has("role")) return;
    const id = url.searchParams.get("role");
    if (id === "everyone" || roleById(id)) setRole(id);
    url.searchParams.delete("role");
    history.replaceState(history.state, "", url.href);
    // Material has already made this page's own links absolute, parameter and all.
    for (const link of document.querySelectorAll('a[href*="role="]')) {
      if (link.pathname === url.pathname && link.search) {
        const clean = new URL(link.href);
        clean.searchParams.delete("role");
        link.href = clean.href;
      }
    }
  }

  // The bar is in the page (templates: markup.rolebar_html); this only shows the state.
  function renderRolebar() {
    const state = load();
    const select = document.querySelector(".mc-rolebar__select");
    if (select) select.value = state.role || "everyone";
    const hint = document.querySelector(".mc-rolebar__hint");
    if (hint) hint.hidden = state.chosen;
  }

  // Applied on "Apply" (the form's submit), never while arrowing through the list.
  function changeRole(select) {
    setRole(select.value);
    const role = load().role;
    renderRolebar();
    const status = document.querySelector(".mc-rolebar__status");
    if (status) status.textContent = t("role_changed", { role: role ? roleById(role).title : t("role_everyone") });
    for (const quiz of document.querySelectorAll(".mc-quiz")) if (quizzes.has(quiz)) applyRoles(quiz);
    renderProgress();
  }

  /* ---- Quizzes ---- */

  // section.mc-quiz -> { key, showQuiz, showQuestions, recordedFor }
  const quizzes = new WeakMap();

  // The answer key is not in the page but beside the site, in the answer file the
  // quiz names (assets/course/answers/<file>.json, shared by a few quizzes of a
  // module): by quiz id, base64 of the JSON key XOR the quiz id (repeating), so
  // answers are not readable at a glance. Each file is fetched once; a file that
  // could not be fetched is asked for again next time.
  const answerFiles = new Map(); // url -> Promise of the file's object, or null
  function fetchKey(section) {
    const id = section.dataset.mcQuiz || "";
    const url = new URL(`assets/course/answers/${section.dataset.mcAnswers || ""}`, base).href;
    if (!answerFiles.has(url)) {
      const file = fetch(url)
        .then((response) => (response.ok ? response.json() : null))
        .catch(() => null)
        .then((keys) => (isObject(keys) ? keys : (answerFiles.delete(url), null)));
      answerFiles.set(url, file);
    }
    return answerFiles.get(url).then((keys) => (keys && typeof keys[id] === "string" ? decodeKey(id, keys[id]) : null));
  }

  function decodeKey(id, text) {
    try {
      const pad = new TextEncoder().encode(id);
      const bytes = Uint8Array.from(atob(text.trim()), (c) => c.charCodeAt(0));
      const key = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.map((b, i) => b ^ pad[i % pad.length])));
      return pad.length && isObject(key) ? key : null;
    } catch {
      return null;
    }
  }

  const questionsOf = (section) => [...section.querySelectorAll(".mc-question")];
  const isChecked = (question) => question.classList.contains("mc-question--checked");

  function shuffle(section) {
    if (!section.hasAttribute("data-mc-shuffle")) return;
    for (const question of questionsOf(section)) {
      // True, False stays in that order
      if (question.dataset.mcType === "true_false") continue;
      const box = question.querySelector(".mc-question__options");
      const items = [...box.children];
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1));
        [items[i], items[j]] = [items[j], items[i]];
      }
      box.append(...items);
    }
  }

  const liveRegion = (className) => {
    const node = h("p", className);
    node.setAttribute("role", "status");
    return node;
  };

  // The page carries only the questions; the controls that need JavaScript are made here.
  // After "Check answer" focus goes to the question's result (a group named by the
  // verdict, described by the feedback and the explanation: heard once, on focus).
  function setupQuiz(section) {
    if (quizzes.has(section)) return;
    quizzes.set(section, { key: fetchKey(section), showQuiz: false, showQuestions: false, recordedFor: null });
    section.querySelector(".mc-quiz__nojs")?.setAttribute("hidden", "");
    for (const question of questionsOf(section)) {
      const [verdict, summary, explanation] = ["verdict", "summary", "explanation"].map((part) => {
        const node = h("div", `mc-question__${part}`);
        node.id = `${section.id}--${question.dataset.mcQuestion}-${part}`;
        return node;
      });
      // The summary is read as the description only.
      summary.hidden = true;
      const result = h("div", "mc-question__result", verdict, summary, explanation);
      result.setAttribute("role", "group");
      result.setAttribute("aria-labelledby", verdict.id);
      result.tabIndex = -1;
      result.hidden = true;
      question.append(result, liveRegion("mc-question__status"), button("mc-question__check", t("check_answer")));
    }
    const actions = h("div", "mc-quiz__actions", button("mc-quiz__retry", t("retry")), button("mc-quiz__reset", t("reset")));
    section.querySelector(".mc-quiz__form").append(toggle("mc-quiz__others", "questions"), liveRegion("mc-quiz__result"), actions);
    shuffle(section);

    const elsewhere = toggle("mc-quiz__elsewhere", "quiz");
    section.querySelector(".mc-quiz__title").after(elsewhere);
    (section.querySelector(".mc-quiz__intro") || elsewhere).after(h("p", "mc-quiz__record"));
    applyRoles(section);
  }

  function setToggle(box, noteText, expanded) {
    box.firstChild.textContent = noteText;
    box.lastChild.textContent = t(expanded ? "hide_hidden" : "show_hidden");
    box.lastChild.setAttribute("aria-expanded", String(expanded));
  }

  // The questions that make the learner's result: their role's, in a quiz for their
  // role (a quiz for another role, opened on purpose, counts whole, as for its roles).
  function countedQuestions(section, role) {
    const all = questionsOf(section);
    return appliesTo(rolesOf(section), role) ? all.filter((q) => appliesTo(rolesOf(q), role)) : all;
  }

  // Hide the quiz or questions that are for other roles, saying they exist.
  function applyRoles(section) {
    const info = quizzes.get(section);
    const role = load().role;
    const quizRoles = rolesOf(section);
    const forMe = appliesTo(quizRoles, role);
    const elsewhere = section.querySelector(".mc-quiz__elsewhere");
    elsewhere.hidden = forMe;
    setToggle(elsewhere, t("hidden_quiz", { roles: roleTitles(quizRoles) }), info.showQuiz);
    for (const child of section.children) {
      if (!child.matches(".mc-quiz__title, .mc-quiz__elsewhere, .mc-quiz__nojs, .mc-quiz__record")) {
        child.hidden = !forMe && !info.showQuiz;
      }
    }
    const counted = countedQuestions(section, role);
    const foreign = questionsOf(section).filter((q) => !counted.includes(q));
    for (const question of questionsOf(section)) question.hidden = foreign.includes(question) && !info.showQuestions;
    const others = section.querySelector(".mc-quiz__others");
    others.hidden = foreign.length === 0;
    setToggle(others, t(foreign.length === 1 ? "hidden_questions_one" : "hidden_questions", { count: foreign.length }), info.showQuestions);
    renderRecord(section);
    evaluate(section);
  }

  const optionText = (input) => input.closest(".mc-option__label").textContent.trim();

  async function check(question) {
    const section = question.closest(".mc-quiz");
    const info = quizzes.get(section);
    if (!info || isChecked(question)) return;
    const inputs = [...question.querySelectorAll(".mc-option input")];
    const chosen = inputs.filter((i) => i.checked).map((i) => Number(i.value));
    const status = question.querySelector(".mc-question__status");
    if (!chosen.length) {
      status.textContent = t("choose_an_answer");
      return;
    }
    let key = await info.key;
    // perhaps the network is back
    if (!key) key = await (info.key = fetchKey(section));
    if (!key || isChecked(question)) {
      if (!key) status.textContent = t("answers_unavailable");
      return;
    }
    status.replaceChildren();
    const answer = isObject(key[question.dataset.mcQuestion]) ? key[question.dataset.mcQuestion] : {};
    const correct = new Set(Array.isArray(answer.c) ? answer.c.map(Number) : []);
    const feedback = isObject(answer.f) ? answer.f : {};
    const ok = chosen.length === correct.size && chosen.every((i) => correct.has(i));
    const pickedRight = chosen.some((i) => correct.has(i));
    const heard = [];
    for (const input of inputs) {
      const index = Number(input.value);
      const right = correct.has(index);
      const mark = input.checked ? (right ? "correct" : "incorrect") : right && !ok ? (pickedRight ? "missed" : "answer") : null;
      input.disabled = true;
      if (!mark) continue;
      const option = input.closest(".mc-option");
      option.classList.add(`mc-option--${mark}`);
      const box = h("div", "mc-option__feedback", h("span", `mc-option__mark mc-option__mark--${mark}`, icon(MARKS[mark]), " ", markText(mark)));
      box.id = `${section.id}--${question.dataset.mcQuestion}-${index}-feedback`;
      let why = "";
      if (typeof feedback[index] === "string" && feedback[index]) {
        const text = h("div", "mc-option__text");
        // sanitized by the build
        text.innerHTML = feedback[index];
        box.append(text);
        why = ` ${text.textContent.trim()}`;
      }
      heard.push(`${markText(mark)}: ${optionText(input)}.${why}`);
      option.append(box);
      input.setAttribute("aria-describedby", box.id);
    }
    reporter.report({
      type: "answered",
      lesson: section.dataset.mcLesson || "",
      quiz: section.dataset.mcQuiz || "",
      question: question.dataset.mcQuestion || "",
      questionType: question.dataset.mcType || "",
      prompt: (question.querySelector(".mc-question__prompt") || question.querySelector(".mc-question__legend")).textContent.trim(),
      options: [...inputs].sort((a, b) => Number(a.value) - Number(b.value)).map(optionText),
      response: [...chosen].sort((a, b) => a - b),
      correctResponse: [...correct].sort((a, b) => a - b),
      correct: ok,
    });
    question.classList.add("mc-question--checked", ok ? "mc-question--correct" : "mc-question--incorrect");
    const result = question.querySelector(".mc-question__result");
    const [verdict, summary, explanation] = result.children;
    verdict.replaceChildren(icon(ok ? "✓" : "✗"), " ", t(ok ? "answer_correct" : "answer_incorrect"));
    summary.textContent = heard.join(" ");
    const explained = typeof answer.x === "string" && answer.x;
    // sanitized by the build
    explanation.innerHTML = explained ? answer.x : "";
    explanation.hidden = !explained;
    result.setAttribute("aria-describedby", explained ? `${summary.id} ${explanation.id}` : summary.id);
    result.hidden = false;
    // The spent button leaves the tab order; focus (and the view) go to the result.
    question.querySelector(".mc-question__check").hidden = true;
    result.focus();
    evaluate(section);
  }

  // Score the attempt once every counted question is checked; record it once.
  function evaluate(section) {
    const info = quizzes.get(section);
    const role = load().role;
    const counted = countedQuestions(section, role);
    const result = section.querySelector(".mc-quiz__result");
    const done = counted.length > 0 && counted.every(isChecked);
    result.classList.remove("mc-quiz__result--passed", "mc-quiz__result--failed");
    if (done) {
      const correct = counted.filter((q) => q.classList.contains("mc-question--correct")).length;
      const score = Math.round((correct / counted.length) * 100);
      const passMark = Number(section.dataset.mcPassMark) || 0;
      const passed = score >= passMark;
      result.classList.add(passed ? "mc-quiz__result--passed" : "mc-quiz__result--failed");
      result.replaceChildren(
        h("strong", "mc-quiz__verdict", icon(passed ? "✓" : "✗"), " ", t(passed ? "passed" : "not_passed")), " ",
        t("score", { score, correct, total: counted.length, pass_mark: passMark }));
      const attempt = `${role} ${counted.map((q) => q.dataset.mcQuestion).join(" ")}`;
      if (info.recordedFor !== attempt) {
        info.recordedFor = attempt;
        record(section, score, passed);
      }
    } else if (result.firstChild) {
      result.replaceChildren();
    }
    // "Try again" once an answer is checked, "Reset" while a result is stored.
    section.querySelector(".mc-quiz__retry").hidden = !questionsOf(section).some(isChecked);
    section.querySelector(".mc-quiz__reset").hidden = !load().quizzes[section.dataset.mcQuiz];
  }

  function record(section, score, passed) {
    const state = load();
    const id = section.dataset.mcQuiz;
    const fingerprint = section.dataset.mcFingerprint || "";
    const old = state.quizzes[id];
    const same = Boolean(old) && old.fingerprint === fingerprint;
    const now = Date.now();
    state.quizzes[id] = {
      best: same ? Math.max(old.best, score) : score,
      passed: passed || (same && old.passed),
      fingerprint,
      updated: now,
    };
    // When it was first passed, for the record of completion.
    const passedAt = same && old.passed ? old.passedAt || old.updated : passed ? now : null;
    if (passedAt) state.quizzes[id].passedAt = passedAt;
    save(state);
    reporter.report({ type: "quiz", lesson: section.dataset.mcLesson || "", quiz: id, score, passed });
    reportProgress();
    renderRecord(section);
    renderProgress();
    evaluate(section);
  }

  // The learner's stored result, shown under the quiz's introduction.
  function renderRecord(section) {
    const node = section.querySelector(".mc-quiz__record");
    const stored = load().quizzes[section.dataset.mcQuiz];
    node.hidden = !stored;
    node.className = "mc-quiz__record";
    if (!stored) return node.replaceChildren();
    if (stored.fingerprint !== (section.dataset.mcFingerprint || "")) {
      node.classList.add("mc-quiz__record--out-of-date");
      return node.replaceChildren(icon("!"), " ", t("out_of_date"));
    }
    node.classList.add(stored.passed ? "mc-quiz__record--passed" : "mc-quiz__record--failed");
    node.replaceChildren(
      h("strong", "", icon(stored.passed ? "✓" : "✗"), " ", t(stored.passed ? "passed" : "not_passed")), " ",
      t("best_score", { score: stored.best }));
  }

  // "Try again": a fresh attempt; the best result stays.
  function clearAnswers(section) {
    for (const question of questionsOf(section)) {
      question.classList.remove("mc-question--checked", "mc-question--correct", "mc-question--incorrect");
      for (const input of question.querySelectorAll(".mc-option input")) {
        input.checked = false;
        input.disabled = false;
        input.removeAttribute("aria-describedby");
      }
      for (const option of question.querySelectorAll(".mc-option")) {
        option.classList.remove(...Object.keys(MARKS).map((mark) => `mc-option--${mark}`));
      }
      for (const box of question.querySelectorAll(".mc-option__feedback")) box.remove();
      const result = question.querySelector(".mc-question__result");
      for (const part of result.children) part.replaceChildren();
      result.hidden = true;
      question.querySelector(".mc-question__status").replaceChildren();
      question.querySelector(".mc-question__check").hidden = false;
    }
    quizzes.get(section).recordedFor = null;
    shuffle(section);
    evaluate(section);
    // The button just pressed may be hidden now: go to the first answer.
    questionsOf(section).find((q) => !q.hidden)?.querySelector(".mc-option input")?.focus();
  }

  function resetQuiz(section) {
    const state = load();
    delete state.quizzes[section.dataset.mcQuiz];
    save(state);
    reportProgress();
    clearAnswers(section);
    renderRecord(section);
    renderProgress();
    section.querySelector(".mc-quiz__result").textContent = t("reset_done");
  }

  /* ---- Videos: nothing is requested from the video host before the click;
   * then the play button (poster and label) gives way to the player. ---- */

  function playVideo(play) {
    const box = play.closest("[data-mc-embed]");
    let url;
    try {
      url = new URL(box.dataset.mcEmbed);
    } catch {
      return;
    }
    if (url.protocol !== "https:" || !EMBED_HOSTS.includes(url.hostname)) return;
    url.searchParams.set("autoplay", "1");
    const frame = h("iframe", "mc-video__frame");
    frame.src = url.href;
    frame.title = box.dataset.mcTitle || "";
    frame.allow = "autoplay; fullscreen; picture-in-picture";
    frame.allowFullscreen = true;
    play.replaceWith(frame);
    box.classList.add("mc-video--playing");
    frame.focus();
  }

  /* ---- course-extras.js: the sign-off, the record page, the team self-check. Loaded
   * only on pages with one (data-mc-extras), or while a sign-off is out of date. ---- */

  const signoffs = (Array.isArray(config.signoffs) ? config.signoffs : []).filter(isObject);
  const outOfDate = (state) => signoffs.some((s) => {
    const last = state.signoffs[s.id]?.at(-1);
    return last && last.digest !== s.digest;
  });
  let extras = null;
  function setupExtras(state) {
    if (!document.querySelector("[data-mc-extras]") && !outOfDate(state)) return;
    extras ||= new Promise((resolve) => {
      const tag = h("script");
      tag.src = new URL("assets/course/course-extras.js", base).href;
      tag.onload = () => resolve(window.mcCourseExtras);
      tag.onerror = () => resolve((extras = null));
      document.head.append(tag);
    });
    extras.then((x) => x?.setup());
  }
  window.mcCourse = { config, strings, lessons, signoffs, base, storeKey: STORE_KEY, reporter, t, h, icon, button,
    load, save, clean, lessonStatus, appliesTo, roleById, reportProgress, renderProgress };

  /* ---- Wiring: listeners once on the document, set-up on every page ---- */

  document.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const control = target && target.closest("button, a[data-mc-role-link]");
    if (!control) return;
    const section = control.closest(".mc-quiz");
    if (control.matches("a[data-mc-role-link]")) {
      setRole(control.dataset.mcRoleLink);
      // the link may only move down this page
      renderRolebar();
      renderProgress();
    }
    else if (control.matches(".mc-video__play")) playVideo(control);
    else if (!section || !quizzes.has(section)) return;
    else if (control.matches(".mc-question__check")) check(control.closest(".mc-question"));
    else if (control.matches(".mc-quiz__retry")) clearAnswers(section);
    // Deleting the stored result (unlike "Try again") only once the learner confirms.
    else if (control.matches(".mc-quiz__reset")) {
      if (window.confirm(t("reset_question"))) resetQuiz(section);
    }
    else if (control.matches(".mc-quiz__toggle")) {
      const info = quizzes.get(section);
      if (control.dataset.mcToggle === "quiz") info.showQuiz = !info.showQuiz;
      else info.showQuestions = !info.showQuestions;
      applyRoles(section);
    }
  });
  document.addEventListener("submit", (event) => {
    const form = event.target instanceof Element ? event.target : null;
    if (!form || !form.matches(".mc-quiz__form, .mc-rolebar")) return;
    event.preventDefault();
    if (form.matches(".mc-rolebar")) changeRole(form.querySelector(".mc-rolebar__select"));
  });

  function setupPage() {
    document.documentElement.classList.add("mc-js");
    takeRoleFromAddress();
    const lesson = document.querySelector(".mc-lesson[data-mc-lesson]");
    const state = load();
    if (lesson && !state.visited[lesson.dataset.mcLesson]) {
      state.visited[lesson.dataset.mcLesson] = Date.now();
      save(state);
      reportProgress();
    }
    // Storage failed: said once a visit (the reporter outlives instant navigation, an
    // LMS host every page), politely, on the page rather than in an alert.
    const notice = document.querySelector(".mc-notice");
    if (notice && reporter.persistent === false && !reporter.told) {
      reporter.told = true;
      notice.textContent = t("storage_unavailable");
    }
    renderRolebar();
    for (const section of document.querySelectorAll(".mc-quiz")) setupQuiz(section);
    renderProgress();
    setupExtras(state);
  }

  // Opened from files, the answers cannot be fetched: say so where the quizzes are.
  function needsHttp() {
    document.documentElement.classList.remove("mc-js");
    for (const node of document.querySelectorAll(".mc-quiz__nojs, .mc-notice")) {
      node.textContent = t("needs_http");
      node.removeAttribute("hidden");
    }
  }

  // Opened from files, Material never announces the page, and answers cannot be fetched.
  const start = location.protocol === "file:" ? needsHttp : setupPage;
  document.documentElement.classList.add("mc-js");
  if (window.document$ && start === setupPage) window.document$.subscribe(setupPage);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
