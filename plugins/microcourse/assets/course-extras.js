/* Microcourse, the parts only some pages need: the sign-off, the record of
 * completion with progress files, and the team self-check. course.js loads this
 * file on pages that have one ([data-mc-extras]) or while a sign-off is out of
 * date, and calls setup() on each such page. State and reporting go through
 * course.js (window.mcCourse); the build puts this site's wording first in the file
 * (window.mcCourseExtrasStrings). Markup: render/extras_markup.py. */
(() => {
  "use strict";

  const course = window.mcCourse;
  if (!course) return;
  Object.assign(course.strings, window.mcCourseExtrasStrings || {});
  const { config, t, h, load, save } = course;
  const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
  const lessonsById = new Map(course.lessons.map((l) => [l.id, l]));
  const signoffById = (id) => course.signoffs.find((s) => s.id === id);
  const lang = document.documentElement.lang || undefined;
  const day = (ms) => new Date(ms).toLocaleDateString(lang, { year: "numeric", month: "long", day: "numeric" });
  const moment = (ms) => new Date(ms).toLocaleString(lang, { dateStyle: "long", timeStyle: "short" });
  const complete = (id, state) => lessonsById.has(id) && course.lessonStatus(lessonsById.get(id), state.role, state) === "complete";

  /* ---- Sign-off ----
   * The learner signs a version: the digest of the statement and the covered
   * lessons' text. When the build's digest differs from their last signature,
   * they are told which lessons changed (each lesson's digest is kept with it)
   * and sign again; every signature stays in state.signoffs as history. */

  function renderSignoff(section) {
    const def = signoffById(section.dataset.mcSignoff);
    if (!def) return;
    const state = load();
    const last = state.signoffs[def.id]?.at(-1);
    const items = [...section.querySelectorAll(".mc-signoff__lesson")];
    const titles = (list) => list.map((li) => li.textContent).join(", ");
    const todo = items.filter((li) => !complete(li.dataset.mcLesson, state));
    const changed = last ? items.filter((li) => last.lessons[li.dataset.mcLesson] !== def.lessons[li.dataset.mcLesson]) : [];
    for (const li of items) li.classList.toggle("mc-signoff__lesson--changed", changed.includes(li));
    const status = section.querySelector(".mc-signoff__status");
    const form = section.querySelector(".mc-signoff__form");
    section.querySelector(".mc-signoff__nojs").hidden = true;
    const current = Boolean(last) && last.digest === def.digest;
    section.classList.toggle("mc-signoff--signed", current);
    section.classList.toggle("mc-signoff--updated", Boolean(last) && !current);
    if (current) {
      form.hidden = true;
      status.textContent = t("signoff_signed", { name: last.name, date: day(last.time), version: last.version });
      return;
    }
    const messages = [];
    if (last) messages.push(t(changed.length ? "signoff_updated" : "signoff_updated_statement", { date: day(last.time), lessons: titles(changed) }));
    if (todo.length) messages.push(t("signoff_locked", { lessons: titles(todo) }));
    status.textContent = messages.join(" ");
    form.hidden = todo.length > 0;
  }

  function sign(form) {
    const section = form.closest(".mc-signoff");
    const def = signoffById(section.dataset.mcSignoff);
    const name = form.elements.name.value.trim();
    const state = load();
    if (!def || Object.keys(def.lessons).some((id) => !complete(id, state))) return renderSignoff(section);
    if (!form.elements.agree.checked || !name) {
      section.querySelector(".mc-signoff__status").textContent = t("signoff_incomplete");
      return;
    }
    const entry = { id: def.id, statement: def.statement, version: def.version, digest: def.digest,
      changed: def.changed, lessons: { ...def.lessons }, name, time: Date.now() };
    (state.signoffs[def.id] ||= []).push(entry);
    save(state);
    course.reporter.report({ type: "signoff", ...entry });
    form.reset();
    renderSignoff(section);
    renderBanner();
  }

  // Elsewhere in the course: a note that a signed text has changed, with the way back.
  function renderBanner() {
    const state = load();
    const stale = course.signoffs.find((s) => {
      const last = state.signoffs[s.id]?.at(-1);
      return last && last.digest !== s.digest && !document.querySelector(`[data-mc-signoff="${CSS.escape(s.id)}"]`);
    });
    const article = document.querySelector(".md-content__inner") || document.querySelector("main") || document.body;
    let banner = article.querySelector(".mc-signoff-banner");
    if (!stale) return banner?.remove();
    if (!banner) {
      banner = h("div", "mc-signoff-banner", h("p", "", t("signoff_banner"), " ", h("a", "")));
      article.prepend(banner);
    }
    const link = banner.querySelector("a");
    link.textContent = t("signoff_banner_link");
    link.href = new URL(`${stale.url}#signoff-${stale.id}`, course.base).href;
  }

  /* ---- Record of completion ---- */

  function completedAt(lesson, state) {
    const quizzes = (lesson.quizzes || []).filter((q) => course.appliesTo(q.roles || [], state.role));
    if (!quizzes.length) return state.visited[lesson.id];
    return Math.max(...quizzes.map((q) => state.quizzes[q.id]?.passedAt || state.quizzes[q.id]?.updated || 0));
  }

  function renderRecord(root) {
    const state = load();
    root.querySelector(".mc-record__nojs").hidden = true;
    root.querySelector(".mc-record__body").hidden = false;
    const signed = course.signoffs.flatMap((s) => state.signoffs[s.id] || []).sort((a, b) => a.time - b.time);
    const role = state.role ? course.roleById(state.role).title : t("role_everyone");
    const shown = [...root.querySelectorAll(".mc-record__lesson")].filter((li) => {
      const lesson = lessonsById.get(li.dataset.mcLesson);
      li.hidden = !lesson || !course.appliesTo(lesson.roles || [], state.role);
      return !li.hidden;
    });
    const done = shown.filter((li) => complete(li.dataset.mcLesson, state)).length;
    const facts = [
      [t("record_name"), signed.at(-1)?.name || t("record_no_name")],
      [t("record_role"), `${role}: ${t("progress", { done, total: shown.length })}`],
      [t("record_produced"), moment(Date.now())],
    ];
    root.querySelector(".mc-record__facts").replaceChildren(...facts.flatMap(([k, v]) => [h("dt", "", k), h("dd", "", v)]));
    for (const li of shown) {
      const lesson = lessonsById.get(li.dataset.mcLesson);
      const status = course.lessonStatus(lesson, state.role, state);
      const parts = [status === "complete" ? t("record_completed_on", { date: day(completedAt(lesson, state)) })
        : t(status === "in-progress" ? "lesson_in_progress" : "lesson_not_started")];
      for (const q of lesson.quizzes || []) {
        const result = state.quizzes[q.id];
        if (result && result.fingerprint === q.fingerprint) parts.push(t("best_score", { score: result.best }));
      }
      li.querySelector(".mc-record__lesson-status").textContent = parts.join(" · ");
    }
    const list = root.querySelector(".mc-record__signoffs");
    list.replaceChildren(...signed.reverse().map((s) => h("li", s.digest === signoffById(s.id)?.digest ? "" : "mc-record__old",
      t("record_signed", { statement: s.statement, name: s.name, time: moment(s.time), version: s.version }),
      s.digest === signoffById(s.id)?.digest ? "" : ` (${t("record_superseded")})`)));
    if (!signed.length) list.append(h("li", "", t("record_none")));
  }

  /* ---- Progress files ----
   * { format, version, course, exported, state, check }: `course` is the course's
   * id (config.courseId), `check` a 53-bit hash (cyrb53) of the rest as written.
   * The check notices a damaged, truncated or hand-edited file; it is no signature
   * (a static site has no secret), so it cannot stop a forged one. Loading merges
   * the file's progress into this browser's: nothing is lost on either side. */

  const FORMAT = "microcourse-progress";

  function checksum(text) {
    let h1 = 0xdeadbeef;
    let h2 = 0x41c6ce57;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16);
  }

  const sealed = (body) => JSON.stringify({ ...body, check: checksum(JSON.stringify(body)) }, null, 1);

  function exportProgress() {
    const body = { format: FORMAT, version: 1, course: config.courseId, exported: new Date().toISOString(), state: load() };
    const link = h("a");
    link.href = URL.createObjectURL(new Blob([sealed(body)], { type: "application/json" }));
    link.download = `progress-${body.exported.slice(0, 10)}.json`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  // The file's state, or the name of the message that says why it is refused.
  function readProgress(text) {
    let file;
    try {
      file = JSON.parse(text);
    } catch {
      return "record_import_damaged";
    }
    if (!isObject(file) || file.format !== FORMAT || file.version !== 1 || !isObject(file.state) || typeof file.check !== "string") {
      return "record_import_damaged";
    }
    if (file.course !== config.courseId) return "record_import_foreign";
    const { check, ...body } = file;
    return checksum(JSON.stringify(body)) === check ? course.clean(file.state) : "record_import_changed";
  }

  function merge(state, other) {
    if (!state.role && other.role) state.role = other.role;
    for (const [id, theirs] of Object.entries(other.quizzes)) {
      const mine = state.quizzes[id];
      if (mine && mine.fingerprint === theirs.fingerprint) {
        const passedAt = Math.min(mine.passedAt || Infinity, theirs.passedAt || Infinity);
        state.quizzes[id] = { best: Math.max(mine.best, theirs.best), passed: mine.passed || theirs.passed,
          fingerprint: mine.fingerprint, updated: Math.max(mine.updated, theirs.updated), ...(passedAt < Infinity && { passedAt }) };
      } else if (!mine || theirs.updated > mine.updated) state.quizzes[id] = theirs;
    }
    for (const [id, when] of Object.entries(other.visited)) state.visited[id] = Math.min(state.visited[id] ?? when, when);
    for (const [id, list] of Object.entries(other.signoffs)) {
      const have = state.signoffs[id] || [];
      const known = new Set(have.map((s) => `${s.time} ${s.digest}`));
      state.signoffs[id] = [...have, ...list.filter((s) => !known.has(`${s.time} ${s.digest}`))].sort((a, b) => a.time - b.time);
    }
    return state;
  }

  async function importProgress(input) {
    const root = input.closest("[data-mc-record]");
    const status = root.querySelector(".mc-record__file-status");
    const file = input.files && input.files[0];
    input.value = "";
    if (!file) return;
    const result = file.size > 1e6 ? "record_import_damaged" : readProgress(await file.text());
    status.classList.toggle("mc-record__file-status--refused", typeof result === "string");
    if (typeof result === "string") return (status.textContent = t(result));
    save(merge(load(), result));
    course.reportProgress();
    course.renderProgress();
    renderRecord(root);
    status.textContent = t("record_imported");
  }

  /* ---- Team self-check ----
   * Ratings stay in this browser's storage, under their own key: never in the
   * course state, so never sent to an LMS; never scored, never reported. */

  const SELF_KEY = `self-checks:${course.storeKey}`; // not the state's key, nor a prefix of it
  let selfMemory = {};
  function ratings() {
    try {
      const stored = JSON.parse(localStorage.getItem(SELF_KEY));
      return isObject(stored) ? stored : selfMemory;
    } catch {
      return selfMemory;
    }
  }
  function keepRatings(all) {
    selfMemory = all;
    try {
      localStorage.setItem(SELF_KEY, JSON.stringify(all));
    } catch {
      // private window or full storage: kept for this visit only
    }
  }

  const promptsOf = (section) => [...section.querySelectorAll(".mc-selfcheck__prompt")];

  function setupSelfCheck(section) {
    const mine = ratings()[section.dataset.mcSelfCheck];
    for (const prompt of promptsOf(section)) {
      for (const input of prompt.querySelectorAll("input")) input.checked = isObject(mine) && mine[prompt.dataset.mcPrompt] === input.value;
    }
    summarise(section);
  }

  function rate(input) {
    const section = input.closest(".mc-selfcheck");
    const all = ratings();
    const id = section.dataset.mcSelfCheck;
    all[id] = { ...(isObject(all[id]) ? all[id] : {}), [input.closest(".mc-selfcheck__prompt").dataset.mcPrompt]: input.value };
    keepRatings(all);
    summarise(section);
  }

  // The summary: each rating's prompts, with the author's next steps for them.
  function summarise(section) {
    const rated = promptsOf(section).map((p) => [p, p.querySelector("input:checked")]).filter(([, input]) => input);
    section.querySelector(".mc-selfcheck__summary").hidden = !rated.length;
    section.querySelector(".mc-selfcheck__count").textContent = t("self_check_count", { done: rated.length, total: promptsOf(section).length });
    for (const group of section.querySelectorAll(".mc-selfcheck__group")) {
      const rating = group.dataset.mcRating;
      const here = rated.filter(([, input]) => input.value === rating);
      group.hidden = !here.length;
      group.querySelector(".mc-selfcheck__list").replaceChildren(...here.map(([prompt]) => {
        const item = h("li", "", h("p", "", prompt.querySelector("legend").textContent));
        const step = [...prompt.querySelectorAll(".mc-selfcheck__step")].find((s) => s.dataset.mcRating === rating);
        if (step) item.append(...[...step.cloneNode(true).childNodes]);
        return item;
      }));
    }
  }

  function clearRatings(section) {
    const all = ratings();
    delete all[section.dataset.mcSelfCheck];
    keepRatings(all);
    setupSelfCheck(section);
    promptsOf(section)[0]?.querySelector("input")?.focus();
  }

  /* ---- Wiring ---- */

  function setup() {
    if (!document.querySelector('link[href$="assets/course/course-extras.css"]')) {
      const sheet = h("link");
      sheet.rel = "stylesheet";
      sheet.href = new URL("assets/course/course-extras.css", course.base).href;
      document.head.append(sheet);
    }
    for (const section of document.querySelectorAll("[data-mc-signoff]")) renderSignoff(section);
    for (const root of document.querySelectorAll("[data-mc-record]")) renderRecord(root);
    for (const section of document.querySelectorAll("[data-mc-self-check]")) setupSelfCheck(section);
    renderBanner();
  }

  // A quiz just passed may open a sign-off on this page.
  document.addEventListener("mc-progress", () => {
    for (const section of document.querySelectorAll("[data-mc-signoff]")) renderSignoff(section);
  });
  document.addEventListener("submit", (event) => {
    if (!(event.target instanceof Element) || !event.target.matches(".mc-signoff__form")) return;
    event.preventDefault();
    sign(event.target);
  });
  document.addEventListener("change", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (target?.matches(".mc-selfcheck__prompt input")) rate(target);
    else if (target?.matches(".mc-record__import input")) importProgress(target);
  });
  document.addEventListener("click", (event) => {
    const control = event.target instanceof Element ? event.target.closest("button") : null;
    if (control?.matches(".mc-record__export")) exportProgress();
    else if (control?.matches(".mc-record__print")) window.print();
    else if (control?.matches(".mc-selfcheck__clear")) clearRatings(control.closest(".mc-selfcheck"));
  });

  window.mcCourseExtras = { setup };
})();
