"""Staff pages as a person uses them: log in, prepare a programme, import items, plan a session."""
from __future__ import annotations

import html as html_lib
import io
import re

import pytest
from sqlalchemy import func, select

from helpers import STAFF_PASSWORD, make_config


@pytest.fixture
def browser(logged_in):
    """A browser logged in as an admin."""
    return logged_in("admin", email="ada@example.org")


def test_login_failure_says_so_and_logout_works(app, make_staff):
    make_staff("facilitator", email="f@example.org")
    client = app.test_client()
    bad = client.post("/login", data={"email": "f@example.org", "password": "nope"})
    assert bad.status_code == 401 and "Correo o contraseña incorrectos" in bad.get_data(as_text=True)
    good = client.post("/login?next=/admin/staff", data={"email": "f@example.org", "password": STAFF_PASSWORD})
    assert good.status_code == 302 and good.headers["Location"] == "/admin/staff"
    assert client.post("/logout").status_code == 302
    assert client.get("/programmes/1").status_code == 302


def test_login_never_redirects_off_site(app, make_staff):
    make_staff("facilitator", email="f@example.org")
    client = app.test_client()
    r = client.post("/login?next=//evil.example/x", data={"email": "f@example.org", "password": STAFF_PASSWORD})
    assert r.headers["Location"] == "/"


def test_spanish_by_default_english_on_request_and_remembered(app):
    client = app.test_client()
    assert "Unirse a una sesión" in client.get("/").get_data(as_text=True)
    assert "Join a session" in client.get("/?lang=en").get_data(as_text=True)
    page = client.get("/").get_data(as_text=True)
    assert "Join a session" in page and 'lang="en"' in page
    assert "Unirse a una sesión" in client.get("/?lang=es").get_data(as_text=True)


def test_every_page_has_a_language_switch(browser, make_session):
    session = make_session()
    for url in ("/", f"/programmes/{session.initiative.programme_id}", f"/initiatives/{session.initiative_id}",
                f"/sessions/{session.id}", "/admin/staff", f"/j/{session.join_code}",
                f"/sessions/{session.id}/console"):
        page = browser.get(url).get_data(as_text=True)
        assert 'hreflang="en"' in page and 'hreflang="es"' in page, url


def test_item_form_shows_errors_next_to_fields_and_writes_nothing(browser, make_programme, db):
    from workshop.programmes.models import Item

    _, initiative = make_programme(items=0)
    r = browser.post(f"/initiatives/{initiative.id}/items/new", data={"kind": "action_line", "title": "",
                                                                      "budget_pen": "mucho"})
    html = r.get_data(as_text=True)
    assert r.status_code == 400
    assert 'id="e-title"' in html and 'id="e-budget_pen"' in html and 'aria-invalid="true"' in html
    assert db.session.scalar(select(func.count(Item.id))) == 0
    ok = browser.post(f"/initiatives/{initiative.id}/items/new",
                      data={"kind": "policy_reform", "title": "Ley de fomento del tarwi", "horizon": "long",
                            "budget_pen": "150000"})
    assert ok.status_code == 302
    item = db.session.scalar(select(Item))
    assert item.title == "Ley de fomento del tarwi" and item.budget_pen == 150000 and item.horizon == "long"


def test_edit_and_archive_item(browser, make_programme, db):
    _, initiative = make_programme(items=1)
    item = initiative.items[0]
    r = browser.post(f"/items/{item.id}/edit", data={"kind": "action_line", "title": "Nuevo título", "horizon": ""})
    assert r.status_code == 302
    db.session.refresh(item)
    assert item.title == "Nuevo título" and item.horizon is None
    browser.post(f"/items/{item.id}/archive")
    db.session.refresh(item)
    assert item.is_archived
    assert "Nuevo título" not in browser.get(f"/initiatives/{initiative.id}").get_data(as_text=True)
    assert "Nuevo título" in browser.get(f"/initiatives/{initiative.id}?archived=1").get_data(as_text=True)


def test_import_previews_then_imports_and_bad_rows_import_nothing(browser, make_programme, db):
    from workshop.programmes.models import Item

    _, initiative = make_programme(items=0)
    bad = "kind,title,horizon\naction_line,Banco de germoplasma,short\nwish,,never\n".encode()
    r = browser.post(f"/initiatives/{initiative.id}/import", data={"file": (io.BytesIO(bad), "i.csv")},
                     content_type="multipart/form-data")
    html = r.get_data(as_text=True)
    assert r.status_code == 400 and "<td>3</td>" in html and "rows_json" not in html
    assert db.session.scalar(select(func.count(Item.id))) == 0
    good = "kind,title,horizon\naction_line,Banco de germoplasma,short\npolicy_reform,Ordenanza,long\n".encode()
    preview = browser.post(f"/initiatives/{initiative.id}/import", data={"file": (io.BytesIO(good), "i.csv")},
                           content_type="multipart/form-data")
    assert preview.status_code == 200 and "Banco de germoplasma" in preview.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Item.id))) == 0  # a preview writes nothing
    rows_json = re.search(r'name="rows_json" value="([^"]*)"', preview.get_data(as_text=True)).group(1)
    done = browser.post(f"/initiatives/{initiative.id}/import", data={"rows_json": html_lib.unescape(rows_json)})
    assert done.status_code == 302
    assert db.session.scalar(select(func.count(Item.id))) == 2


def test_unreadable_import_file_is_explained(browser, make_programme):
    _, initiative = make_programme(items=0)
    r = browser.post(f"/initiatives/{initiative.id}/import", data={"file": (io.BytesIO(b"PK\x03junk"), "i.xlsx")},
                     content_type="multipart/form-data")
    assert r.status_code == 400 and "flash error" in r.get_data(as_text=True)


def test_create_session_and_reorder_agenda(browser, make_programme, db):
    from workshop.sessions.models import Session

    _, initiative = make_programme(items=3)
    ids = [i.id for i in initiative.items]
    r = browser.post(f"/initiatives/{initiative.id}/sessions/new",
                     data={"title": "Taller de hoja de ruta", "phase": "3", "status": "scheduled",
                           "starts_at": "2026-12-03T15:00", "place": "Huamanga", "item_ids": [str(i) for i in ids]})
    assert r.status_code == 302
    session = db.session.scalar(select(Session))
    assert [e.item_id for e in session.agenda] == ids and session.phase.number == 3
    assert session.starts_at.isoformat() == "2026-12-03T20:00:00+00:00"  # 15:00 in Lima
    browser.post(f"/sessions/{session.id}/agenda", data={"action": "down", "item_id": ids[0]})
    db.session.refresh(session)
    assert [e.item_id for e in session.agenda] == [ids[1], ids[0], ids[2]]
    browser.post(f"/sessions/{session.id}/agenda", data={"action": "remove", "item_id": ids[2]})
    db.session.refresh(session)
    assert [e.item_id for e in session.agenda] == [ids[1], ids[0]]
    page = browser.get(f"/sessions/{session.id}").get_data(as_text=True)
    assert session.join_code in page


def test_session_form_errors(browser, make_programme):
    _, initiative = make_programme(items=0)
    r = browser.post(f"/initiatives/{initiative.id}/sessions/new", data={"title": "", "phase": "7"})
    assert r.status_code == 400 and 'id="e-title"' in r.get_data(as_text=True)


def test_start_session_from_its_page(browser, make_session, db):
    session = make_session(status="scheduled")
    browser.post(f"/sessions/{session.id}/status", data={"status": "live"})
    db.session.refresh(session)
    assert session.status == "live"
    r = browser.post(f"/sessions/{session.id}/status", data={"status": "draft"}, follow_redirects=True)
    assert "flash error" in r.get_data(as_text=True)


def test_admin_adds_staff_with_field_errors(browser, db):
    from workshop.accounts.models import StaffUser

    bad = browser.post("/admin/staff", data={"name": "", "email": "no-at", "role": "facilitator", "password": "short"})
    html = bad.get_data(as_text=True)
    assert bad.status_code == 400 and 'id="e-email"' in html and 'id="e-password"' in html
    ok = browser.post("/admin/staff", data={"name": "Lucía", "email": "lucia@example.org", "role": "secretariat",
                                            "password": "a-long-password"})
    assert ok.status_code == 302
    assert db.session.scalar(select(StaffUser).where(StaffUser.email == "lucia@example.org")).role == "secretariat"


def test_forms_need_the_csrf_token(app, make_staff):
    """Without the form's token a post is refused; with it the same post goes through."""
    from workshop import create_app

    csrf_app = create_app(make_config(app.config["SQLALCHEMY_DATABASE_URI"], WTF_CSRF_ENABLED=True))
    with csrf_app.app_context():
        client = csrf_app.test_client()
        make_staff("admin", email="csrf@example.org")
        form = {"email": "csrf@example.org", "password": STAFF_PASSWORD}
        assert client.post("/login", data=form).status_code == 400
        page = client.get("/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        assert client.post("/login", data={**form, "csrf_token": token}).status_code == 302


def test_join_box_and_unknown_code(client, make_session):
    session = make_session()
    r = client.get(f"/j?code={session.join_code.lower()}")
    assert r.status_code == 302 and r.headers["Location"].endswith(f"/j/{session.join_code}")
    missing = client.get("/j/ZZZZZZ")
    assert missing.status_code == 404 and "ZZZZZZ" in missing.get_data(as_text=True)


def test_qr_code_is_an_svg_of_the_join_link(client, make_session):
    session = make_session()
    r = client.get(f"/j/{session.join_code}/qr.svg")
    assert r.status_code == 200 and r.mimetype == "image/svg+xml" and b"<svg" in r.data


def test_html_error_pages_and_json_api_errors(client):
    page = client.get("/no/such/page")
    assert page.status_code == 404 and page.mimetype == "text/html"
    api = client.get("/api/v1/no/such/thing")
    assert api.status_code == 404 and api.json["error"]["code"] == "not_found"
