"""Anonymous comments when the facilitator allows them (issue 10 §4).

The setting (`Session.allow_anonymous_comments`, off by default) is set from the preparation page,
`PATCH /api/v1/sessions/{id}` and the console's `set_anonymous_comments`. A phone's `anonymous: true`
is refused while it is off (nothing stored). An anonymous comment keeps its participant on the
record (moderation, rate limits, the author's own notices) but no audience and no document names
its author — and it stays anonymous after the setting is turned off. The documents are read back
and searched for the author's name: a name in the attendance list is expected, so each check
compares how often the name occurs before and after the anonymous comment (and a named comment
by someone else, as a control, does add its author's name).
"""
from __future__ import annotations

import csv
import io
import json

from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import func, select

from workshop.extensions import db, socketio

NAME, ORG = "Zacarias Wiraqocha", "Asociacion Kallpawasi"
SURNAME, ORG_WORD = "Wiraqocha", "Kallpawasi"
OTHER, OTHER_SURNAME = "Rosa Named Control", "Control"
BODY = "Riego tecnificado para las comunidades altas"


def pdf_text(body: bytes) -> str:
    assert body.startswith(b"%PDF-")
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(body)).pages)


def docx_text(body: bytes) -> str:
    doc = Document(io.BytesIO(body))
    paragraphs = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in doc.element.body.iter(qn("w:p"))]
    return " ".join(" ".join(p.split()) for p in paragraphs if p.strip())


def _join(client, session, name, organisation, sector="civil_society"):
    answer = client.post("/api/v1/join", json={"code": session.join_code, "name": name,
                                               "organisation": organisation, "sector": sector})
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()


def _phone(app, session, token, lang="es"):
    return socketio.test_client(app, namespace="/live", auth={"token": token, "session_id": session.id,
                                                              "lang": lang},
                                flask_test_client=app.test_client())


def _staff(app, session, user):
    from workshop.accounts.auth import issue_staff_token

    return socketio.test_client(app, namespace="/live", auth={"token": issue_staff_token(user),
                                                              "session_id": session.id},
                                flask_test_client=app.test_client())


def _projector(app, session):
    return socketio.test_client(app, namespace="/live", auth={"projector_key": session.projector_key,
                                                              "session_id": session.id},
                                flask_test_client=app.test_client())


def _received(sio, name):
    return [e["args"][0] for e in sio.get_received("/live") if e["name"] == name]


def _comment_count() -> int:
    from workshop.sessions.models import Comment

    return db.session.scalar(select(func.count(Comment.id)))


def test_the_setting_is_off_by_default_and_set_by_patch_and_the_preparation_page(
        app, make_session, client, token_for, logged_in):
    session = make_session(status="scheduled")
    headers = token_for("admin")
    url = f"/api/v1/sessions/{session.id}"
    assert client.get(url, headers=headers).get_json()["allow_anonymous_comments"] is False
    answer = client.patch(url, headers=headers, json={"allow_anonymous_comments": True})
    assert answer.status_code == 200 and answer.get_json()["allow_anonymous_comments"] is True
    refused = client.patch(url, headers=headers, json={"allow_anonymous_comments": "perhaps"})
    assert refused.status_code == 400 and refused.get_json()["error"]["code"]
    assert client.get(url, headers=headers).get_json()["allow_anonymous_comments"] is True

    browser = logged_in("admin")
    page = browser.get(f"/sessions/{session.id}/edit")
    assert b'name="allow_anonymous_comments" value="y" checked' in page.data
    assert "Permitir comentarios anónimos" in page.get_data(as_text=True)
    saved = browser.post(f"/sessions/{session.id}/edit", data={"title": session.title, "status": "scheduled"})
    assert saved.status_code == 302  # the box unticked: the form turns it off
    db.session.expire_all()
    assert session.allow_anonymous_comments is False
    browser.post(f"/sessions/{session.id}/edit", data={"title": session.title, "status": "scheduled",
                                                        "allow_anonymous_comments": "y", "requires_admission": "y"})
    db.session.expire_all()
    assert session.allow_anonymous_comments is True and session.requires_admission is True


def test_anonymous_is_refused_while_off_in_both_languages_and_nothing_is_stored(app, make_session, client):
    session = make_session()
    person = _join(client, session, NAME, ORG)
    before = _comment_count()
    for lang, words in (("es", "no permite comentarios anónimos"), ("en", "does not allow anonymous comments")):
        phone = _phone(app, session, person["participant_token"], lang)
        reply = phone.emit("comment", {"body": BODY, "anonymous": True}, namespace="/live", callback=True)
        assert reply["ok"] is False and reply["error"]["code"] == "anonymous_not_allowed"
        assert words in reply["error"]["message"]
    assert _comment_count() == before
    bad = phone.emit("comment", {"body": BODY, "anonymous": "yes"}, namespace="/live", callback=True)
    assert bad["ok"] is False and _comment_count() == before
    assert phone.emit("comment", {"body": BODY}, namespace="/live", callback=True)["ok"]  # a named one is fine


def test_no_audience_sees_the_author_and_it_stays_anonymous_after_turning_off(app, make_session, make_staff,
                                                                             client):
    from workshop.sessions.models import Comment

    session = make_session()
    facilitator = make_staff("admin")
    author = _join(client, session, NAME, ORG)
    other = _join(client, session, OTHER, "Otra org", "private")
    console, projector = _staff(app, session, facilitator), _projector(app, session)
    phone, other_phone = _phone(app, session, author["participant_token"]), _phone(app, session,
                                                                                  other["participant_token"])
    for sio in (console, projector, phone, other_phone):
        sio.get_received("/live")

    assert console.emit("set_anonymous_comments", {"allowed": True}, namespace="/live", callback=True)["ok"]
    states = _received(other_phone, "state")
    assert states and states[-1]["session"]["allow_anonymous_comments"] is True
    reply = phone.emit("comment", {"body": BODY, "anonymous": True}, namespace="/live", callback=True)
    assert reply["ok"], reply
    comment_id = reply["comment_id"]
    stored = db.session.get(Comment, comment_id)
    assert stored.is_anonymous and stored.participant_id == author["participant_id"]  # the record knows

    for sio in (console, projector, other_phone, phone):
        event = [c for c in _received(sio, "comment") if c["id"] == comment_id][-1]
        assert event["anonymous"] is True and event["author"] is None
        assert event["organisation"] is None and event["sector"] is None
        assert SURNAME not in json.dumps(event) and ORG_WORD not in json.dumps(event)

    def fresh_snapshots():
        snaps = {}
        for name, sio in (("projector", _projector(app, session)),
                          ("other_phone", _phone(app, session, other["participant_token"])),
                          ("console", _staff(app, session, facilitator)),
                          ("author", _phone(app, session, author["participant_token"]))):
            snaps[name] = _received(sio, "state")[-1]
        return snaps

    def check(snaps):
        for name in ("projector", "other_phone"):  # the whole state: no name anywhere
            text = json.dumps(snaps[name], ensure_ascii=False)
            assert BODY in text and SURNAME not in text and ORG_WORD not in text, name
        # the console lists the people present (the author among them), never beside the comment
        console_view = [c for c in snaps["console"]["comments"] if c["id"] == comment_id][0]
        assert console_view["author"] is None and console_view["anonymous"] is True
        assert SURNAME not in json.dumps(snaps["console"]["comments"])
        assert comment_id in snaps["author"]["my_comments"]  # the author's phone still knows it is theirs

    check(fresh_snapshots())
    # the author cannot up-vote their own anonymous comment: the record knows who wrote it
    own = phone.emit("upvote", {"comment_id": comment_id}, namespace="/live", callback=True)
    assert own["ok"] is False and own["error"]["code"] == "own_comment"

    assert console.emit("set_anonymous_comments", {"allowed": False}, namespace="/live", callback=True)["ok"]
    db.session.expire_all()
    assert db.session.get(Comment, comment_id).is_anonymous is True
    check(fresh_snapshots())
    refused = phone.emit("comment", {"body": "Otra vez", "anonymous": True}, namespace="/live", callback=True)
    assert refused["ok"] is False and refused["error"]["code"] == "anonymous_not_allowed"

    # moderation still works, and the author is told their comment was hidden
    assert console.emit("moderate", {"comment_id": comment_id, "hidden": True}, namespace="/live",
                        callback=True)["ok"]
    mine = _received(_phone(app, session, author["participant_token"]), "state")[-1]
    assert [c["id"] for c in mine["my_hidden_comments"]] == [comment_id]
    assert other_phone.emit("set_anonymous_comments", {"allowed": True}, namespace="/live",
                            callback=True)["error"]["code"] == "forbidden"


def _documents(client, headers, session, initiative_id, programme_id):
    base = f"/api/v1/sessions/{session.id}"
    out = {
        "minutes.pdf": pdf_text(client.get(f"{base}/minutes.pdf", headers=headers).data),
        "minutes.pdf en": pdf_text(client.get(f"{base}/minutes.pdf?lang=en", headers=headers).data),
        "minutes.docx": docx_text(client.get(f"{base}/minutes.docx", headers=headers).data),
        "comments.csv": client.get(f"{base}/data.csv?sheet=comments", headers=headers).get_data(as_text=True),
        "summary.docx": docx_text(client.get(f"/api/v1/initiatives/{initiative_id}/summary.docx",
                                             headers=headers).data),
        "summary.pdf": pdf_text(client.get(f"/api/v1/initiatives/{initiative_id}/summary.pdf",
                                           headers=headers).data),
    }
    book = load_workbook(io.BytesIO(client.get(f"{base}/data.xlsx", headers=headers).data))
    out["data.xlsx comments"] = json.dumps([list(r) for r in book["Comentarios"].iter_rows(values_only=True)],
                                           ensure_ascii=False, default=str)
    book = load_workbook(io.BytesIO(client.get(f"/api/v1/programmes/{programme_id}/data.xlsx",
                                               headers=headers).data))
    out["programme data.xlsx"] = json.dumps([[list(r) for r in ws.iter_rows(values_only=True)] for ws in book],
                                            ensure_ascii=False, default=str)
    return out


def test_no_document_names_the_author_of_an_anonymous_comment(app, make_session, make_staff, client, token_for):
    from workshop.sessions import discussion
    from workshop.sessions.models import Participant

    session = make_session()
    initiative_id, programme_id = session.initiative_id, session.initiative.programme_id
    item_id = session.agenda[0].item_id
    headers = token_for("admin")
    author = _join(client, session, NAME, ORG)
    control = _join(client, session, OTHER, "Otra org", "private")
    discussion.set_current_item(session, item_id)
    before = _documents(client, headers, session, initiative_id, programme_id)

    discussion.set_anonymous_comments(session, True)
    anonymous = discussion.add_comment(db.session.get(Participant, author["participant_id"]), BODY, anonymous=True)
    named = discussion.add_comment(db.session.get(Participant, control["participant_id"]), "Una idea con nombre")
    for c in (anonymous, named):  # pinned: the initiative summary quotes pinned comments
        discussion.moderate(session.id, c.id, hidden=None, pinned=True)
    discussion.set_anonymous_comments(session, False)  # turned off afterwards: still anonymous
    after = _documents(client, headers, session, initiative_id, programme_id)

    for name, text in after.items():
        if name == "programme data.xlsx":
            continue  # the programme workbook carries no comments at all
        assert "Riego tecnificado" in text, name  # the words are there…
        assert text.count(SURNAME) == before[name].count(SURNAME), name  # …their author's name is not
        assert text.count(ORG_WORD) == before[name].count(ORG_WORD), name
    assert after["programme data.xlsx"].count(SURNAME) == before["programme data.xlsx"].count(SURNAME)
    # the control: a named comment does bring its author's name into the comment lists
    for name in ("minutes.pdf", "minutes.docx", "comments.csv", "data.xlsx comments", "summary.docx"):
        assert after[name].count(OTHER_SURNAME) > before[name].count(OTHER_SURNAME), name
    assert "Anónimo" in after["minutes.pdf"] and "Anonymous" in after["minutes.pdf en"]
    assert "Una persona participante (comentario anónimo)" in after["summary.docx"]
    assert "Desde ahora los participantes pueden comentar de forma anónima" in after["minutes.pdf"]
    # the data sheet: no name, organisation, sector or participant id on the anonymous row
    rows = list(csv.reader(io.StringIO(after["comments.csv"].lstrip("\ufeff"))))
    row = next(r for r in rows if r and r[0] == str(anonymous.id))
    assert row[4:8] == ["", "Anónimo", "", ""], row

    # the item's history names no author, and says the comment is anonymous
    history = client.get(f"/api/v1/items/{item_id}/history", headers=headers).get_json()
    entry = next(c for c in history["comments"] if c["id"] == anonymous.id)
    assert entry["anonymous"] is True and SURNAME not in json.dumps(history)

    # the programme's JSON export is the whole record to move or restore: the link is kept, the flag too
    export = client.get(f"/api/v1/programmes/{programme_id}/export.json", headers=headers).get_json()
    row = next(c for c in export["comments"] if c["id"] == anonymous.id)
    assert row["is_anonymous"] is True and row["participant_id"] == author["participant_id"]
