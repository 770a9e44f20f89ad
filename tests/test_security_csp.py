"""The Content-Security-Policy in a real browser: every screen works under it and none reports a violation.

Chromium (Debian's, through Playwright) visits every page a person sees — login, the start page,
programme, initiative and session pages, the console, the projector, a phone joining and voting, and
a code that matches no session — listening to `securitypolicyviolation` events and to the console.
The policy has no 'unsafe-inline': an inline script, an inline style attribute or an inline event
handler would be blocked and reported here. Screenshots go to tests/screenshots/ (git-ignored).
"""
from __future__ import annotations

import pytest
import requests

from helpers import CONSOLE, PHONE, PROJECTOR, login, rehearsal_session, shot, staff_api

pytestmark = [pytest.mark.browser, pytest.mark.server]

#: Records every violation the page reports (the init script runs before any of the page's own).
LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline")
                    + " at " + e.sourceFile + ":" + e.lineNumber);
});
"""


class Watch:
    """The violations and console errors of every page of a browser context."""

    def __init__(self, context):
        self.context, self.found = context, []
        context.add_init_script(LISTEN)

    def page(self):
        page = self.context.new_page()
        page.on("console", lambda m: self.found.append(f"{page.url} console: {m.text}")
                if "Content Security Policy" in m.text or "Content-Security-Policy" in m.text else None)
        page.on("pageerror", lambda exc: self.found.append(f"{page.url} pageerror: {exc}"))
        return page

    def collect(self, page) -> None:
        """The violations `page` recorded so far (call before leaving it)."""
        self.found += [f"{page.url}: {v}" for v in page.evaluate("window.__csp || []")]


def test_no_page_reports_a_csp_violation(chromium, demo_server):
    server = demo_server
    headers = staff_api(server)
    initiative, _prepared = rehearsal_session(server)
    items = requests.get(f"{server.url}/api/v1/initiatives/{initiative['id']}/items", timeout=10).json()
    session = requests.post(f"{server.url}/api/v1/initiatives/{initiative['id']}/sessions", headers=headers,
                            timeout=10, json={"title": "Revisión de seguridad", "phase": 3,
                                              "item_ids": [item["id"] for item in items[:2]]}).json()
    programme_id = requests.get(f"{server.url}/api/v1/programmes", timeout=10).json()[0]["id"]
    requests.post(f"{server.url}/api/v1/sessions/{session['id']}/start", headers=headers,
                  timeout=10).raise_for_status()
    agenda = requests.get(f"{server.url}/api/v1/sessions/{session['id']}", headers=headers, timeout=10).json()["agenda"]
    round_ = requests.post(f"{server.url}/api/v1/sessions/{session['id']}/rounds", headers=headers, timeout=10,
                           json={"item_ids": [agenda[0]["id"]], "method": "approve", "results": "live"}).json()
    requests.post(f"{server.url}/api/v1/rounds/{round_['id']}/open", headers=headers, timeout=10).raise_for_status()

    # Anonymous: the start page, the login page, a code that matches no session.
    anonymous = Watch(chromium.new_context(**CONSOLE))
    page = anonymous.page()
    for path, name in (("/", "welcome"), ("/login", "login"), ("/j/ZZZZZZ", "no-session")):
        page.goto(f"{server.url}{path}", wait_until="networkidle")
        anonymous.collect(page)
        shot(page, f"csp-{name}")
    assert page.evaluate("getComputedStyle(document.querySelector('.card')).maxWidth") == "480px"

    # A phone joins and votes; the vote is counted.
    phone_watch = Watch(chromium.new_context(**PHONE))
    phone = phone_watch.page()
    phone.goto(f"{server.url}/j/{session['join_code']}")
    phone.wait_for_selector("#join-form")
    shot(phone, "csp-phone-join")
    phone.fill("#join-name", "Rosa Chumpitaz")
    phone.fill("#join-organisation", "Cooperativa Valle del Chanchamayo")
    phone.click("label:has(#join-sector-private)")
    phone.click("#join-submit")
    phone.wait_for_selector("#vote-card[data-round-state=open]")
    phone.click("#vote-controls [data-vote=approve]")
    phone.wait_for_selector("#vote-status[data-state=counted]", timeout=10000)
    shot(phone, "csp-phone-voted")
    phone_watch.collect(phone)

    # Staff: every page, the console and the projector (its results drawn with element.style).
    staff = Watch(chromium.new_context(**CONSOLE))
    page = staff.page()
    login(page, server)
    staff.collect(page)
    for path, name in (("/", "index"), (f"/programmes/{programme_id}", "programme"),
                       (f"/initiatives/{initiative['id']}", "initiative"),
                       (f"/initiatives/{initiative['id']}/import", "import"),
                       (f"/initiatives/{initiative['id']}/sessions/new", "session-new"),
                       (f"/sessions/{session['id']}", "session"), (f"/sessions/{session['id']}/edit", "session-edit"),
                       ("/admin/staff", "staff")):
        page.goto(f"{server.url}{path}", wait_until="networkidle")
        staff.collect(page)
        shot(page, f"csp-{name}")
    page.goto(f"{server.url}/sessions/{session['id']}/console")
    page.wait_for_selector("#round-card[data-round-state=open]")
    page.wait_for_selector("#conn[data-conn=online]")
    shot(page, "csp-console")
    staff.collect(page)
    projector_url = page.get_attribute("#projector-link", "href")

    projector_watch = Watch(chromium.new_context(**PROJECTOR))
    projector = projector_watch.page()
    projector.goto(server.url + projector_url if projector_url.startswith("/") else projector_url)
    projector.wait_for_selector("#pj-turnout[data-voted='1']")
    projector.wait_for_selector("#pj-results[data-view=results]")
    # The result bars get their width from element.style, which the policy allows.
    width = projector.evaluate("Math.max(-1, ...Array.from(document.querySelectorAll("
                               "'#pj-results .bar-fill, #pj-results .seg'), (e) => e.getBoundingClientRect().width))")
    assert width > 0, "the projector's result bar has no width"
    shot(projector, "csp-projector")
    projector_watch.collect(projector)

    found = anonymous.found + phone_watch.found + staff.found + projector_watch.found
    assert found == []
    for watch in (anonymous, phone_watch, staff, projector_watch):
        watch.context.close()


def test_an_inline_script_would_be_reported(chromium, demo_server):
    """The listener above does catch what the policy blocks: an injected inline script and style."""
    watch = Watch(chromium.new_context(**PHONE))
    page = watch.page()
    page.goto(f"{demo_server.url}/login", wait_until="networkidle")
    page.evaluate("""() => {
      const s = document.createElement("script"); s.textContent = "window.__ran = 1"; document.body.appendChild(s);
      const d = document.createElement("div"); d.setAttribute("style", "color: red"); document.body.appendChild(d);
    }""")
    page.wait_for_function("() => window.__csp.length >= 2", timeout=5000)
    assert page.evaluate("window.__ran") is None
    watch.collect(page)
    assert any("script-src" in v for v in watch.found) and any("style-src" in v for v in watch.found)
    watch.context.close()
