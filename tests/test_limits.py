"""Limits that hold across processes: login and token attempts per account and per address, and
the live events per participant, counted in memory (one process) or in Redis (every worker)."""
from __future__ import annotations

import uuid

import pytest

from helpers import REDIS_URL, STAFF_PASSWORD, check_redis, make_config, service_or_skip
from workshop.ratelimit import MemoryLimiter, RedisLimiter, default_prefix, limiter


class Clock:
    """A clock the tests move by hand (no sleeping through a window)."""

    def __init__(self, now: float = 1_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(app):
    """The app's limiter in memory, on a clock the test moves."""
    clock = Clock()
    app.extensions["mesa.ratelimit"] = MemoryLimiter(clock)
    return clock


def _login(client, email, password="wrong password", **kwargs):
    return client.post("/login", data={"email": email, "password": password}, **kwargs)


def _token(client, email, password="wrong password", address="127.0.0.1"):
    return client.post("/api/v1/auth/token", json={"email": email, "password": password},
                       environ_base={"REMOTE_ADDR": address})


def test_login_page_limits_attempts_per_account_with_a_clear_message(app, make_staff, clock):
    app.config["LOGIN_LIMIT_PER_ACCOUNT"] = (3, 60)
    make_staff("facilitator", email="f@example.org")
    client = app.test_client()
    assert [_login(client, "f@example.org").status_code for _ in range(3)] == [401] * 3
    refused = _login(client, "F@example.org ", STAFF_PASSWORD)  # the right password, too late
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "60"
    page = refused.get_data(as_text=True)
    assert "Demasiados intentos de inicio de sesión. Vuelve a intentarlo en 60 segundos." in page
    assert 'role="alert"' in page and "Correo o contraseña incorrectos" not in page
    english = _login(app.test_client(), "f@example.org", query_string={"lang": "en"})
    assert "Too many login attempts. Try again in 60 seconds." in english.get_data(as_text=True)
    # Another account from the same browser is not affected.
    make_staff("facilitator", email="g@example.org")
    assert _login(app.test_client(), "g@example.org", STAFF_PASSWORD).status_code == 302
    clock.now += 60  # the window has passed
    assert _login(client, "f@example.org", STAFF_PASSWORD).status_code == 302


def test_token_attempts_are_limited_per_address_whatever_the_email(app, make_staff, clock):
    app.config["LOGIN_LIMIT_PER_ADDRESS"] = (4, 300)
    make_staff("admin", email="a@example.org")
    client = app.test_client()
    assert [_token(client, f"nobody{n}@example.org").status_code for n in range(4)] == [401] * 4
    refused = _token(client, "a@example.org", STAFF_PASSWORD)
    assert refused.status_code == 429 and refused.get_json()["error"]["code"] == "login_limited"
    assert refused.headers["Retry-After"] == "300"
    assert _token(client, "a@example.org", STAFF_PASSWORD, address="10.0.0.7").status_code == 200
    clock.now += 120
    assert _token(client, "a@example.org", STAFF_PASSWORD).headers["Retry-After"] == "180"


def test_the_login_page_and_the_api_count_the_same_attempts(app, make_staff, clock):
    app.config["LOGIN_LIMIT_PER_ACCOUNT"] = (2, 60)
    make_staff("admin", email="a@example.org")
    client = app.test_client()
    assert _login(client, "a@example.org").status_code == 401
    assert _token(client, "a@example.org").status_code == 401
    assert _token(client, "a@example.org", STAFF_PASSWORD).status_code == 429


def test_a_successful_login_is_given_back(app, make_staff, clock):
    """Staff logging in many times (a secretariat's scripts) never lock themselves out."""
    app.config["LOGIN_LIMIT_PER_ACCOUNT"] = app.config["LOGIN_LIMIT_PER_ADDRESS"] = (2, 60)
    make_staff("admin", email="a@example.org")
    client = app.test_client()
    assert [_token(client, "a@example.org", STAFF_PASSWORD).status_code for _ in range(5)] == [200] * 5
    assert _token(client, "a@example.org").status_code == 401
    assert _token(client, "a@example.org", STAFF_PASSWORD).status_code == 200
    assert _token(client, "a@example.org").status_code == 401
    assert _token(client, "a@example.org", STAFF_PASSWORD).status_code == 429


def test_a_refused_attempt_hashes_no_password(app, make_staff, clock, monkeypatch):
    """Beyond the limit nothing costs the server a hash: a flood cannot slow the room."""
    from workshop import offload

    app.config["LOGIN_LIMIT_PER_ADDRESS"] = (1, 60)
    make_staff("admin", email="a@example.org")
    client = app.test_client()
    assert _token(client, "a@example.org").status_code == 401
    hashed = []
    monkeypatch.setattr(offload, "run", lambda fn, *a, **k: hashed.append(fn) or fn(*a, **k))
    assert [_token(client, "a@example.org").status_code for _ in range(3)] == [429] * 3
    assert hashed == []


def test_live_limits_are_counted_by_the_apps_limiter(app, clock):
    """`limits().votes.allow(key)` (the handlers' call) counts in the shared limiter, with the
    configured sizes."""
    from workshop.live.limits import limits

    app.config["VOTE_LIMIT"] = (3, 5)
    assert [limits().votes.allow(7) for _ in range(4)] == [True, True, True, False]
    assert limits().votes.allow(8) and limits().comments.allow(7)  # per participant, per kind
    clock.now += 5
    assert limits().votes.allow(7)
    app.config["PROPOSAL_LIMIT"] = (1, 300)
    assert [limits().proposals.allow(7) for _ in range(2)] == [True, False]


def test_comments_refused_beyond_the_configured_limit_on_the_socket(app, make_session, join, clock):
    from workshop.extensions import socketio

    app.config["COMMENT_LIMIT"] = (2, 60)
    session = make_session()
    _participant, token = join(session)
    phone = socketio.test_client(app, namespace="/live", auth={"token": token, "session_id": session.id},
                                 flask_test_client=app.test_client())
    replies = [phone.emit("comment", {"body": f"idea {n}"}, namespace="/live", callback=True) for n in range(3)]
    assert [r["ok"] for r in replies] == [True, True, False] and replies[2]["error"]["code"] == "rate_limited"
    clock.now += 60
    assert phone.emit("comment", {"body": "otra"}, namespace="/live", callback=True)["ok"]
    phone.disconnect("/live")


def test_with_a_message_queue_the_limiter_is_redis_under_a_prefix_of_the_install(app):
    url = service_or_skip("Redis", REDIS_URL, check_redis)
    app.config["MESSAGE_QUEUE"] = url
    found = limiter()
    assert isinstance(found, RedisLimiter) and found.prefix == default_prefix(app.config)
    other = dict(app.config, SQLALCHEMY_DATABASE_URI="sqlite:///elsewhere.sqlite")
    assert default_prefix(other) != found.prefix  # another install on the same Redis
    assert default_prefix(dict(other, RATELIMIT_PREFIX="mesa:prod")) == "mesa:prod"
    # The join limits go through it too.
    from workshop.refusals import TooMany
    from workshop.sessions.services import allow_join

    app.config["JOIN_LIMIT_PER_ADDRESS"] = (1, 60)
    address = f"test-{uuid.uuid4().hex}"
    allow_join(1, address)
    with pytest.raises(TooMany):
        allow_join(1, address)


def test_login_limits_are_shared_by_two_apps_on_one_redis(app, make_staff, tmp_path):
    """Two workers (two apps, one Redis): the attempts of both count in one window, per account and
    per address; a successful login is given back on both."""
    url = service_or_skip("Redis", REDIS_URL, check_redis)
    prefix = f"mesa-test:{uuid.uuid4().hex}"
    second = create_second_app(tmp_path)
    clock = Clock(1_000_020.0)
    for each in (app, second):
        each.config.update(MESSAGE_QUEUE=url, RATELIMIT_PREFIX=prefix, LOGIN_LIMIT_PER_ACCOUNT=(3, 60),
                           LOGIN_LIMIT_PER_ADDRESS=(4, 60))
        with each.app_context():
            limiter().clock = clock
    make_staff("admin", email="a@example.org")
    with second.app_context():
        from workshop.accounts.services import create_staff

        create_staff("a@example.org", "Ana", "admin", STAFF_PASSWORD)
    first_client, second_client = app.test_client(), second.test_client()
    assert _token(first_client, "a@example.org", STAFF_PASSWORD).status_code == 200
    answers = [_token(c, "a@example.org").status_code for c in (first_client, second_client, first_client,
                                                                    second_client)]
    assert answers == [401, 401, 401, 429]
    # Per address: other emails from the same address, on either worker.
    assert _token(second_client, "b@example.org").status_code == 429  # the 5th attempt from 127.0.0.1
    assert _token(first_client, "b@example.org", address="10.1.1.1").status_code == 401
    clock.now += 60
    assert _token(second_client, "a@example.org", STAFF_PASSWORD).status_code == 200


def test_live_limits_are_shared_by_two_limiters_on_one_redis():
    url = service_or_skip("Redis", REDIS_URL, check_redis)
    prefix = f"mesa-test:{uuid.uuid4().hex}"
    clock = Clock(2_000_000.0)
    first, second = RedisLimiter(url, prefix, clock), RedisLimiter(url, prefix, clock)
    hits = [bool((first if n % 2 else second).hit("vote", 42, 4, 5)) for n in range(6)]
    assert hits == [True] * 4 + [False] * 2
    assert first.hit("vote", 42, 4, 5).retry_seconds == 5
    clock.now += 5
    assert second.hit("vote", 42, 4, 5)
    assert RedisLimiter(url, f"mesa-test:{uuid.uuid4().hex}", clock).hit("vote", 42, 1, 5)  # another prefix


def create_second_app(tmp_path):
    """A second Mesa app (another worker) on a database of its own."""
    from workshop import create_app
    from workshop.extensions import db

    app = create_app(make_config(f"sqlite:///{tmp_path / 'second.sqlite'}"))
    with app.app_context():
        db.create_all()
    return app


def test_a_limit_never_stops_the_room_while_redis_is_down(caplog):
    """Redis unreachable: the limiter counts in this process's memory (one warning, no exception),
    so votes and joins go on, and a flood is still held back."""
    from tests.helpers import free_port

    down = RedisLimiter(f"redis://127.0.0.1:{free_port()}/0", f"mesa-test:{uuid.uuid4().hex}")
    with caplog.at_level("WARNING", logger="workshop.ratelimit"):
        assert [bool(down.hit("vote", 7, 2, 5)) for _ in range(2)] == [True, True]
        down.give_back("vote", 7, 5)  # a login that succeeded gives its attempt back, in memory too
        assert [bool(down.hit("vote", 7, 2, 5)) for _ in range(2)] == [True, False]
    assert [r.getMessage() for r in caplog.records].count(
        "rate limits: Redis unreachable (ConnectionError); counting in this process until it answers") == 1
    calls = []
    down._redis.pipeline = lambda: calls.append(1)  # within RETRY_AFTER of the failure Redis is not asked
    assert down.hit("join", "a", 5, 60) and calls == []
