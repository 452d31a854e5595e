"""Nothing moves once a page has loaded: the course's parts are in the built HTML.

The browser's own layout-shift entries (what Lighthouse adds up as CLS), at a
phone's size, for a new learner (nothing stored) and a returning one, on the
pages the benchmark gives Lighthouse (tests/support/bench.py).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

LAYOUT_SHIFT = """() => new Promise((resolve) => {
  let total = 0;
  const sources = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      total += entry.value;
      for (const s of entry.sources || []) {
        if (s.node && s.node.nodeType === 1) sources.push(s.node.outerHTML.slice(0, 120));
      }
    }
  }).observe({ type: "layout-shift", buffered: true });
  setTimeout(() => resolve({ total, sources }), 1500);
})"""


@pytest.mark.parametrize("path", ["", "twitter/first-post/", "paths/"])
def test_no_layout_shift_on_a_phone(browser: Browser, course_server: str, path: str) -> None:
    context = browser.new_context(
        viewport={"width": 412, "height": 823}, device_scale_factor=1.75, is_mobile=True
    )
    try:
        page = context.new_page()
        for visit in ("new learner", "returning learner"):
            page.goto(course_server + path)
            page.wait_for_selector("html.mc-js")
            shift = page.evaluate(LAYOUT_SHIFT)
            assert shift["total"] == 0, (
                f"/{path} ({visit}) moved after loading: CLS {shift['total']:.3f}, "
                + "; ".join(shift["sources"][:5])
            )
            page.evaluate(
                "localStorage.setItem(Object.keys(localStorage).find(k => k.startsWith('microcourse:'))"
                " || 'microcourse:/learn/social/', JSON.stringify({v: 1, role: 'sales', chosen: true,"
                " quizzes: {}, visited: {'start/why-it-matters': 1}}))"
            )
    finally:
        context.close()
