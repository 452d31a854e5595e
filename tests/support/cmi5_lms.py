"""A stand-in for the LMS side of cmi5, in front of a real LRS (Ralph), for the cmi5 tests.

No package offers the LMS half of cmi5 (the launch, the one-time fetch URL, the
LMS.LaunchData state, the State and Agent Profile resources), and Ralph implements
only the statements resource. This stand-in does that part as the cmi5 specification
(Quartz, github.com/AICC/CMI-5_Spec_Current) says, and forwards every statement to
Ralph, which stores and returns them. It is deliberately strict where the spec lets
an LMS be: a test can fail because the course broke a rule. Sections cited as "§".

One HTTP server on 127.0.0.1 serves, on one origin (as an LMS that hosts the package;
with `cross_origin`, the xAPI endpoint and fetch URL are on a second origin, with CORS):
- /content/...            the unzipped package (the AU's files, §14.1);
- /fetch/<key>            the one-time authorization token URL (§8.2);
- /xapi/statements        statements, checked, then forwarded to Ralph (§6.3, §9);
- /xapi/activities/state  the State resource, LMS.LaunchData among it (§10);
- /xapi/agents/profile    the Agent Profile resource, cmi5LearnerPreferences (§11);
- /xapi/about             the xAPI version;
- /returned               the page a returnURL leads back to (§10.2.6).
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import threading
import urllib.error
import urllib.request
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlencode, urlsplit

from tests.support.ralph_lrs import RalphLRS

CMI5_NS = "{https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd}"
XAPI_VERSION = "1.0.3"
VERBS = "http://adlnet.gov/expapi/verbs/"
CATEGORY_CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
EXT = "https://w3id.org/xapi/cmi5/context/extensions/"
LAUNCH_DATA = "LMS.LaunchData"
PREFERENCES = "cmi5LearnerPreferences"


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a browser that closes (the end of a test) hangs up mid-request


@dataclass
class AssignableUnit:
    """The one thing an LMS reads from cmi5.xml to launch an AU (§13.1.4)."""

    publisher_id: str
    url: str
    move_on: str
    mastery_score: float | None
    title: str

    @classmethod
    def from_course_structure(cls, path: Path) -> AssignableUnit:
        root = ET.parse(path).getroot()
        au = root.find(f"{CMI5_NS}au")
        if au is None:
            raise ValueError(f"{path}: no <au>")
        url = (au.findtext(f"{CMI5_NS}url") or "").strip()  # §13.1: whitespace trimmed
        title = au.find(f"{CMI5_NS}title/{CMI5_NS}langstring")
        mastery = au.get("masteryScore")
        return cls(
            publisher_id=au.get("id", ""),
            url=url,
            move_on=au.get("moveOn", "NotApplicable"),
            mastery_score=float(mastery) if mastery is not None else None,
            title=(title.text or "").strip() if title is not None else "",
        )


@dataclass
class Session:
    id: str
    actor: dict[str, Any]
    registration: str
    activity_id: str
    token: str
    launched: dt.datetime
    terminated: bool = False
    abandoned: bool = False


@dataclass
class Requests:
    """What reached the stand-in from the AU: for the tests and the benchmark."""

    fetches: list[dict[str, Any]] = field(default_factory=list)
    statement_posts: list[bytes] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    lrs_unavailable: int = 0
    preflights: int = 0


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def iso(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def agent_key(agent: dict[str, Any]) -> str:
    """An Agent's identity as one string (an account, per §9.2), for keying documents."""
    account = agent.get("account") or {}
    return f"{account.get('homePage')}|{account.get('name')}|{agent.get('mbox')}"


class Cmi5LMS:
    """The LMS stand-in: `launch(...)` gives the URL an LMS would open for a learner."""

    def __init__(self, content: Path, lrs: RalphLRS, *, cross_origin: bool = False) -> None:
        self.content = content
        self.lrs = lrs
        self.au = AssignableUnit.from_course_structure(content / "cmi5.xml")
        # §8.1.5: the LMS's activity id for the AU, never the publisher's id.
        self.activity_id = f"https://lms.example.com/activities/{uuid.uuid5(uuid.NAMESPACE_URL, self.au.publisher_id)}"
        self.sessions: dict[str, Session] = {}
        self.fetch_keys: dict[str, Session | None] = {}
        self.states: dict[tuple[str, str, str, str], tuple[str, bytes]] = {}
        self.profiles: dict[tuple[str, str], tuple[str, bytes]] = {}
        self.requests = Requests()
        self.lock = threading.Lock()
        self.servers = [_QuietServer(("127.0.0.1", 0), self._handler())]
        if cross_origin:
            # The xAPI endpoint and fetch URL on another origin, as an LRS on its own host.
            self.servers.append(_QuietServer(("127.0.0.1", 0), self._handler()))
        self.origin, self.api_origin = (
            f"http://127.0.0.1:{self.servers[i].server_address[1]}" for i in (0, -1)
        )

    def __enter__(self) -> Cmi5LMS:
        for server in self.servers:
            threading.Thread(target=server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        for server in self.servers:
            server.shutdown()
            server.server_close()

    # ---- The LMS's own side ----

    def launch(
        self,
        actor: dict[str, Any],
        registration: str,
        *,
        launch_mode: str = "Normal",
        return_url: str | None = None,
        mastery_score: float | None = None,
        move_on: str | None = None,
    ) -> str:
        """Prepares a session as §8, §9.3.1 and §10 require, and returns the launch URL."""
        with self.lock:
            for old in self.sessions.values():
                # §9.3.6: a new launch of the same registration abandons an open session.
                if old.registration == registration and not (old.terminated or old.abandoned):
                    old.abandoned = True
                    self._lms_statement(old, "https://w3id.org/xapi/adl/verbs/abandoned", {})
            session = Session(
                id=str(uuid.uuid4()),
                actor=actor,
                registration=registration,
                activity_id=self.activity_id,
                token=secrets.token_urlsafe(24),
                launched=now(),
            )
            self.sessions[session.token] = session
            key = secrets.token_urlsafe(12)
            self.fetch_keys[key] = session
        mastery = self.au.mastery_score if mastery_score is None else mastery_score
        launch_data: dict[str, Any] = {
            "contextTemplate": {
                "contextActivities": {"grouping": [{"id": self.au.publisher_id}]},
                "extensions": {f"{EXT}sessionid": session.id},
            },
            "launchMode": launch_mode,
            "moveOn": move_on or self.au.move_on,
        }
        if mastery is not None:
            launch_data["masteryScore"] = mastery
        if return_url is not None:
            launch_data["returnURL"] = return_url
        self._put_state(LAUNCH_DATA, actor, registration, json.dumps(launch_data).encode())
        au_url = f"{self.origin}/content/{self.au.url}"
        extensions = {
            f"{EXT}launchmode": launch_mode,
            f"{EXT}launchurl": au_url,
            f"{EXT}moveon": launch_data["moveOn"],
        }
        if mastery is not None:
            extensions[f"{EXT}masteryscore"] = mastery
        self._lms_statement(session, f"{VERBS}launched", extensions)
        params = {
            "endpoint": f"{self.api_origin}/xapi/",
            "fetch": f"{self.api_origin}/fetch/{key}",
            "actor": json.dumps(actor),
            "registration": registration,
            "activityId": self.activity_id,
        }
        return f"{au_url}?{urlencode(params, quote_via=quote)}"

    def _lms_statement(self, session: Session, verb: str, extensions: dict[str, Any]) -> None:
        context: dict[str, Any] = {
            "registration": session.registration,
            "contextActivities": {
                "category": [{"id": CATEGORY_CMI5}],
                "grouping": [{"id": self.au.publisher_id}],
            },
            "extensions": {f"{EXT}sessionid": session.id, **extensions},
        }
        statement = {
            "id": str(uuid.uuid4()),
            "actor": session.actor,
            "verb": {"id": verb},
            "object": {"id": session.activity_id, "objectType": "Activity"},
            "context": context,
            "timestamp": iso(now()),
        }
        if verb.endswith("abandoned"):
            seconds = (now() - session.launched).total_seconds()
            statement["result"] = {"duration": f"PT{seconds:.2f}S"}
        status, body = self._forward("POST", "/xAPI/statements/", json.dumps(statement).encode())
        if status >= 300:
            raise RuntimeError(f"Ralph refused the LMS's own statement ({status}): {body!r}")

    def put_state(
        self, state_id: str, actor: dict[str, Any], registration: str, value: Any
    ) -> None:
        """Writes a State document as JSON, as another tool might."""
        self._put_state(state_id, actor, registration, json.dumps(value).encode())

    def set_preferences(self, actor: dict[str, Any], preferences: dict[str, str]) -> None:
        """The learner's cmi5LearnerPreferences, as an LMS keeps them (§11)."""
        body = json.dumps(preferences).encode()
        self.profiles[(agent_key(actor), PREFERENCES)] = ("application/json", body)

    def state(self, state_id: str, actor: dict[str, Any], registration: str) -> Any:
        """A State document as JSON (None when absent)."""
        found = self.states.get((self.activity_id, agent_key(actor), registration, state_id))
        return json.loads(found[1]) if found else None

    def _put_state(
        self, state_id: str, actor: dict[str, Any], registration: str, body: bytes
    ) -> None:
        key = (self.activity_id, agent_key(actor), registration, state_id)
        self.states[key] = ("application/json", body)

    # ---- Forwarding to Ralph ----

    def _forward(self, method: str, path: str, body: bytes | None) -> tuple[int, bytes]:
        request = urllib.request.Request(
            f"{self.lrs.url}{path}",
            data=body,
            method=method,
            headers={
                "Authorization": self.lrs.authorization,
                "X-Experience-API-Version": XAPI_VERSION,
                "Content-Type": "application/json",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()
        except (urllib.error.URLError, OSError):
            self.requests.lrs_unavailable += 1
            return 503, b'{"error": "the LRS is unavailable"}'

    # ---- HTTP ----

    def _handler(self) -> type[SimpleHTTPRequestHandler]:
        lms = self

        class Handler(SimpleHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, directory=str(lms.content), **kwargs)

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def translate_path(self, path: str) -> str:
                if not path.startswith("/content/"):
                    return str(lms.content / ".does-not-exist")
                return super().translate_path(path[len("/content") :])

            def end_headers(self) -> None:
                self.send_header("Cache-Control", "no-store")
                if lms.api_origin != lms.origin and self.headers.get("Origin") == lms.origin:
                    # CORS for the course's origin only, with the headers xAPI needs.
                    self.send_header("Access-Control-Allow-Origin", lms.origin)
                    self.send_header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE")
                    self.send_header(
                        "Access-Control-Allow-Headers",
                        "Authorization, Content-Type, X-Experience-API-Version",
                    )
                    self.send_header("Vary", "Origin")
                super().end_headers()

            def reply(
                self, status: int, body: bytes = b"", content_type: str = "application/json"
            ) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def body(self) -> bytes:
                return self.rfile.read(int(self.headers.get("Content-Length") or 0))

            def do_GET(self) -> None:
                if self.path.startswith("/returned"):
                    self.reply(
                        200,
                        b"<!doctype html><title>LMS</title><h1>Back in the LMS</h1>",
                        "text/html",
                    )
                elif self.path.startswith("/xapi/"):
                    self.xapi("GET")
                else:
                    super().do_GET()

            def do_POST(self) -> None:
                if self.path.startswith("/fetch/"):
                    self.fetch()
                else:
                    self.xapi("POST")

            def do_OPTIONS(self) -> None:
                lms.requests.preflights += 1
                self.reply(204)

            def do_PUT(self) -> None:
                self.xapi("PUT")

            def do_DELETE(self) -> None:
                self.xapi("DELETE")

            def fetch(self) -> None:
                """§8.2: POST only; a token the first time, error code 1 every time after."""
                self.body()
                key = self.path[len("/fetch/") :]
                with lms.lock:
                    known = key in lms.fetch_keys
                    session = lms.fetch_keys.get(key)
                    lms.fetch_keys[key] = None
                lms.requests.fetches.append({"key": key, "first": session is not None})
                if session is not None:
                    answer = {"auth-token": session.token}
                elif known:
                    answer = {
                        "error-code": "1",
                        "error-text": "The authorization token has already been returned.",
                    }
                else:
                    answer = {"error-code": "2", "error-text": "Unknown fetch URL."}
                self.reply(200, json.dumps(answer).encode())

            def session(self) -> Session | None:
                header = self.headers.get("Authorization", "")
                if not header.startswith("Basic "):
                    return None
                return lms.sessions.get(header[len("Basic ") :])

            def reject(self, status: int, why: str) -> None:
                lms.requests.rejected.append(f"{self.command} {self.path}: {why}")
                self.reply(status, json.dumps({"error": why}).encode())

            def xapi(self, method: str) -> None:
                url = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                body = self.body() if method in ("POST", "PUT") else None
                if url.path == "/xapi/about":
                    self.reply(200, json.dumps({"version": [XAPI_VERSION]}).encode())
                    return
                if not self.headers.get("X-Experience-API-Version", "").startswith("1.0"):
                    self.reject(400, "X-Experience-API-Version missing")  # xAPI 1.0.3 §6.2
                    return
                session = self.session()
                if session is None or session.abandoned:
                    self.reject(401, "no valid auth-token (§8.2.1)")
                    return
                if url.path.rstrip("/") == "/xapi/statements":
                    self.statements(method, session, url.query, body)
                elif url.path == "/xapi/activities/state":
                    self.state(method, session, query, body)
                elif url.path == "/xapi/agents/profile":
                    self.profile(method, session, query, body)
                else:
                    self.reject(404, f"no resource {url.path}")

            def statements(
                self, method: str, session: Session, query: str, body: bytes | None
            ) -> None:
                if method == "GET":
                    status, answer = lms._forward("GET", f"/xAPI/statements/?{query}", None)
                    self.reply(status, answer)
                    return
                assert body is not None
                try:
                    parsed = json.loads(body)
                except ValueError:
                    self.reject(400, "statements are not JSON")
                    return
                statements = parsed if isinstance(parsed, list) else [parsed]
                for statement in statements:
                    problem = self.check(statement, session)
                    if problem:
                        self.reject(400, problem)
                        return
                lms.requests.statement_posts.append(body)
                path = "/xAPI/statements/" + (f"?{query}" if method == "PUT" else "")
                status, answer = lms._forward(method, path, body)
                if status < 300 and any(
                    s["verb"]["id"] == f"{VERBS}terminated" for s in statements
                ):
                    session.terminated = True
                self.reply(status, answer)

            def check(self, statement: Any, session: Session) -> str | None:
                """The §9 rules an LMS can check statement by statement (§6.3: SHOULD reject)."""
                if not isinstance(statement, dict):
                    return "a statement is not an object"
                if not isinstance(statement.get("id"), str):
                    return "§9.1: statement without an id"
                if statement.get("actor") != session.actor:
                    return "§8.1.3: actor is not the launch's actor"
                context = statement.get("context") or {}
                if context.get("registration") != session.registration:
                    return "§9.6.1: registration is not the launch's"
                extensions = context.get("extensions") or {}
                if extensions.get(f"{EXT}sessionid") not in {
                    s.id for s in lms.sessions.values() if s.registration == session.registration
                }:
                    return "§9.6.3.1: no session id of this registration"
                grouping = (context.get("contextActivities") or {}).get("grouping") or []
                if {"id": lms.au.publisher_id} not in grouping:
                    return "§10.2.1: the contextTemplate's grouping was dropped"
                if "timestamp" not in statement:
                    return "§9.7: no timestamp"
                owner = next(
                    s for s in lms.sessions.values() if s.id == extensions[f"{EXT}sessionid"]
                )
                if owner.terminated or owner.abandoned:
                    return "§9.3.8: statement after the session ended"
                return None

            def state(
                self, method: str, session: Session, query: dict[str, str], body: bytes | None
            ) -> None:
                try:
                    agent = json.loads(query.get("agent", ""))
                except ValueError:
                    self.reject(400, "agent is not JSON")
                    return
                if agent != session.actor or query.get("registration") != session.registration:
                    self.reject(403, "State of another learner or registration")
                    return
                if query.get("activityId") != session.activity_id:
                    self.reject(403, "State of another activity")
                    return
                state_id = query.get("stateId", "")
                key = (session.activity_id, agent_key(agent), session.registration, state_id)
                if state_id == LAUNCH_DATA and method != "GET":
                    self.reject(403, "§10.2.1: the AU MUST NOT modify or delete LMS.LaunchData")
                    return
                if method == "GET":
                    found = lms.states.get(key)
                    if found is None:
                        self.reply(404, b'{"error": "no such state"}')  # normal: nothing kept yet
                    else:
                        self.reply(200, found[1], found[0])
                elif method == "PUT":
                    assert body is not None
                    lms.states[key] = (
                        self.headers.get("Content-Type", "application/octet-stream"),
                        body,
                    )
                    self.reply(204)
                elif method == "DELETE":
                    lms.states.pop(key, None)
                    self.reply(204)
                else:
                    self.reject(405, "POST to State is not used by this stand-in")

            def profile(
                self, method: str, session: Session, query: dict[str, str], body: bytes | None
            ) -> None:
                if query.get("profileId") != PREFERENCES:
                    self.reject(404, "no such profile")
                    return
                key = (agent_key(session.actor), PREFERENCES)
                if method == "GET":
                    found = lms.profiles.get(key)
                    if found is None:
                        self.reply(404, b'{"error": "no learner preferences"}')
                    else:
                        self.reply(200, found[1], found[0])
                else:
                    self.reject(403, "§11: this LMS keeps learner preferences itself")

        return Handler


def learner(name: str) -> dict[str, Any]:
    """An actor as an LMS makes one (§9.2: an Agent with an account, no personal data)."""
    return {"objectType": "Agent", "account": {"homePage": "https://lms.example.com", "name": name}}
