/* The launch page of an LMS package: it holds the LMS session for the whole
 * visit and shows the course in a full-size frame. Loaded only by the launch
 * page (package/launch_page.py), never by the plain site.
 *
 * The standard's adapter (scorm.js, cmi5.js...) registers itself:
 *   mcLmsHost.register(standard, start)
 *   start({ config, title }) -> session, or null when no LMS is found (may be a Promise)
 *   session = {
 *     state             the stored state at launch (any JSON value), or null
 *     location          the page the learner was on (relative to the launch page), or null
 *     saveState(state)  keep it in the LMS; false if it cannot
 *     report(event)     what happened (course.js, "Where progress goes")
 *     pageShown()       optional: a page of the course was shown
 *     finish({ location })  the window is going: end the session
 *   }
 * With a session, the course in the frame finds it as window.parent.mcCourseHost;
 * without one, the course keeps progress in the browser, as the plain site does. */
(() => {
  "use strict";

  const adapters = Object.create(null);
  window.mcLmsHost = {
    register(standard, start) {
      adapters[standard] = start;
    },
  };

  const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
  const copy = (value) => (value === undefined ? null : JSON.parse(JSON.stringify(value)));
  const base = new URL("./", location.href);

  // A page of this package, relative to the launch page; anything else is no place to go.
  function inPackage(address) {
    try {
      const url = new URL(address, base);
      return url.origin === base.origin && url.href.startsWith(base.href) ? url.href.slice(base.href.length) : null;
    } catch {
      return null;
    }
  }

  function firstPage(settings, session) {
    const state = session ? session.state : null;
    const hasRole = isObject(state) && typeof state.role === "string";
    if (settings.mcRole && !hasRole) {
      const role = encodeURIComponent(settings.mcRole);
      return `${settings.mcPaths || "index.html"}?role=${role}#path-${role}`;
    }
    return (session && session.location && inPackage(session.location)) || settings.mcHome || "index.html";
  }

  function offer(session) {
    let current = copy(session.state);
    window.mcCourseHost = {
      persistent: true,
      loadState: () => copy(current),
      saveState(state) {
        const next = copy(state);
        // Fields this course.js does not keep (a later version's) survive its saves.
        if (isObject(current) && isObject(next)) {
          for (const [key, value] of Object.entries(current)) if (!(key in next)) next[key] = value;
        }
        current = next;
        // An LMS that cannot keep it: the course says once that progress won't be kept.
        if (session.saveState(copy(current)) === false) window.mcCourseHost.persistent = false;
      },
      report: (event) => session.report(copy(event)),
    };
  }

  async function start() {
    const settings = document.body.dataset;
    const frame = document.querySelector("iframe.mc-lms-frame");
    const adapter = adapters[settings.mcStandard];
    let session = null;
    try {
      session = adapter ? await adapter({ config: window.mcCourseConfig || {}, title: document.title }) : null;
    } catch (error) {
      console.warn("LMS session could not start:", error);
    }
    if (session) offer(session);
    frame.addEventListener("load", () => {
      if (!session || typeof session.pageShown !== "function") return;
      session.pageShown();
      try {
        // Material's instant navigation swaps pages without loading the frame again.
        const pages = frame.contentWindow.document$;
        if (pages && typeof pages.subscribe === "function") pages.subscribe(() => session.pageShown());
      } catch {
        // a page of another origin: nothing to follow
      }
    });
    frame.src = new URL(firstPage(settings, session), base).href;
    if (!session) return;
    let finished = false;
    window.addEventListener("pagehide", () => {
      if (finished) return;
      finished = true;
      let where = null;
      try {
        where = inPackage(frame.contentWindow.location.href);
      } catch {
        where = null;
      }
      session.finish({ location: where });
    });
  }

  const begin = () => start().catch((error) => console.warn(error));
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", begin);
  else begin();
})();
