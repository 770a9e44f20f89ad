"""A personal invitation on a phone (360 × 740) against the real server: the link joins the live
session as that person and votes without typing; in an invited-only session a guest who typed their
name is told their vote does not count; the same phone then joins the programme's next session
without the form (its pass), and the person counts once."""
from __future__ import annotations

import pytest
import requests

from helpers import PHONE, Api, login, shot

pytestmark = [pytest.mark.browser, pytest.mark.server]


def guard(page, errors):
    """Fail on a dialog, a script error or a Content-Security-Policy refusal (Chromium logs those on
    the console, also for a page the browser has since left: the invitation page redirects)."""
    page.on("dialog", lambda dialog: (errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    page.on("console", lambda m: errors.append(f"{page.url} console: {m.text}")
            if "Content Security Policy" in m.text or "Content-Security-Policy" in m.text else None)
    return page


def test_an_invitation_link_joins_and_votes_without_typing(chromium, server):
    api, errors = Api(server.url), []
    programme = api.call("POST", "/programmes", json={"name": "Programa <b>IVAI</b> & socios"})
    initiative = api.call("POST", f"/programmes/{programme['id']}/initiatives", json={"name": "Granos andinos"})
    item = api.call("POST", f"/initiatives/{initiative['id']}/items", json={"kind": "action_line",
                                                                          "title": "Centro de acopio"})
    first, second = (api.call("POST", f"/initiatives/{initiative['id']}/sessions",
                              json={"title": f"Fase {n}", "phase": n, "item_ids": [item["id"]]}) for n in (1, 2))
    api.call("PATCH", f"/sessions/{first['id']}", json={"invited_only": True})
    api.call("POST", f"/sessions/{first['id']}/start")
    person = api.call("POST", f"/programmes/{programme['id']}/people",
                      json={"name": "Rocío Quispe <img src=x>", "organisation": "Cooperativa Ñuñoa & Cía.",
                            "sector": "private"})
    link = api.call("POST", f"/people/{person['id']}/invitation")["link"]
    round_ = api.call("POST", f"/sessions/{first['id']}/rounds", json={"item_ids": [item["id"]], "method": "approve"})
    api.call("POST", f"/rounds/{round_['id']}/open")

    # The invited person opens their link: no form, straight to the vote.
    context = chromium.new_context(**PHONE)
    phone = guard(context.new_page(), errors)
    phone.goto(link)
    phone.wait_for_url(f"{server.url}/j/{first['join_code']}")
    phone.wait_for_selector("#live-view:not([hidden])")
    phone.wait_for_selector("#vote-card[data-round-state=open]")
    assert phone.evaluate("() => !!document.querySelector('#join-view:not([hidden])')") is False
    phone.click("#vote-controls [data-vote=approve]")
    phone.wait_for_selector("#vote-status[data-state=counted]", timeout=5000)
    shot(phone, "registry-1-invited-voted-es")
    people = api.call("GET", f"/sessions/{first['id']}/participants")["participants"]
    assert [(p["name"], p["sector"]) for p in people] == [("Rocío Quispe <img src=x>", "private")]
    assert api.call("GET", f"/rounds/{round_['id']}")["tally"]["total"] == 1

    # A guest who types their name may join, but their vote is refused with a clear message.
    guest_context = chromium.new_context(**PHONE)
    guest = guard(guest_context.new_page(), errors)
    guest.goto(f"{server.url}/j/{first['join_code']}")
    guest.fill("#join-name", "Periodista")
    guest.fill("#join-organisation", "Diario Regional")
    guest.click("label:has(#join-sector-civil_society)")
    guest.click("#join-submit")
    guest.wait_for_selector("#vote-card[data-round-state=open]")
    guest.click("#vote-controls [data-vote=reject]")
    guest.wait_for_selector("#vote-status[data-state=error]", timeout=5000)
    assert "solo votan los participantes invitados" in guest.inner_text("#vote-status")
    shot(guest, "registry-2-guest-refused-es")
    assert api.call("GET", f"/rounds/{round_['id']}")["tally"]["total"] == 1

    # The programme's next session: the same phone joins as the same person without the form.
    api.call("POST", f"/sessions/{second['id']}/start")
    phone.goto(f"{server.url}/j/{second['join_code']}")
    phone.wait_for_selector("#live-view:not([hidden])")
    shot(phone, "registry-3-next-session-es")
    people = api.call("GET", f"/sessions/{second['id']}/participants")["participants"]
    assert [p["name"] for p in people] == ["Rocío Quispe <img src=x>"]
    stats = requests.get(f"{server.url}/api/v1/programmes/{programme['id']}/stats", timeout=10).json()
    assert stats["stakeholders"]["total"] == 2  # the invited person once, and the guest

    # The secretariat's registry page and the person's page; the projector says who votes.
    staff = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="es-PE")
    desk = guard(staff.new_page(), errors)
    login(desk, server)
    desk.goto(f"{server.url}/programmes/{programme['id']}/people")
    desk.wait_for_selector("#people")
    assert desk.locator("#people tbody tr").count() == 2
    assert desk.evaluate("() => document.querySelectorAll('#people img').length") == 0  # names are text
    shot(desk, "registry-5-people-es")
    desk.goto(f"{server.url}/people/{person['id']}")
    desk.wait_for_selector("img.invite-qr")
    assert desk.evaluate("() => document.querySelector('img.invite-qr').naturalWidth") > 0
    shot(desk, "registry-6-person-es")
    desk.goto(f"{server.url}/sessions/{first['id']}/console")
    desk.wait_for_selector("#c-invited:not([hidden])")
    shot(desk, "registry-7-console-es")
    staff.close()

    # A withdrawn link lands on a clear page and joins no one.
    api.call("DELETE", f"/people/{person['id']}/invitation")
    other = guard(chromium.new_context(**PHONE).new_page(), errors)
    other.goto(link)
    other.wait_for_selector("text=no es válido")
    shot(other, "registry-4-withdrawn-es")
    assert errors == []
    for ctx in (context, guest_context, other.context):
        ctx.close()
