"""Who may call which route: one rule per (method, path), enforced for every request.

A rule is ``PUBLIC``, ``AUTHENTICATED``, or a set of roles (holding any of them on any area
is enough to reach the route; the domain then checks the area of the object). Admins hold
every role. ``web.app.create_app`` refuses to start when a route has no rule, and
``tests/web/test_route_matrix.py`` walks the app's own route table against this one.
"""

from __future__ import annotations

from content_library.types import Role

PUBLIC = "public"
AUTHENTICATED = "authenticated"
# Unit ↔ server sync (web/routes/sync.py): no login; the route itself checks the unit's Ed25519
# request signature (content_library.sync.authenticate) and refuses anything else with 401.
UNIT_SIGNED = PUBLIC

Rule = str | frozenset[str]

AUTHOR = frozenset({Role.AUTHOR.value})
REVIEWER = frozenset({Role.REVIEWER.value})
ADMIN = frozenset({Role.ADMIN.value})
OPERATOR_OR_REVIEWER = frozenset({Role.OPERATOR.value, Role.REVIEWER.value})
OPERATOR = frozenset({Role.OPERATOR.value})
ISSUER = frozenset({Role.ISSUER.value})
ISSUER_OR_REVIEWER = frozenset({Role.ISSUER.value, Role.REVIEWER.value})
EMERGENCY_TEMPLATES = frozenset({Role.AUTHOR.value, Role.REVIEWER.value, Role.ISSUER.value})
TEMPLATE_WRITER = frozenset({Role.AUTHOR.value, Role.ISSUER.value})
RELAY_VIEWERS = frozenset({Role.OPERATOR.value, Role.REVIEWER.value})

RULES: dict[tuple[str, str], Rule] = {
    # --- pages (one web/routes module per URL area, named in the comments) ----------------
    # home, auth
    ("GET", "/"): AUTHENTICATED,
    ("GET", "/healthz"): PUBLIC,
    ("GET", "/login"): PUBLIC,
    ("POST", "/login"): PUBLIC,
    ("POST", "/logout"): AUTHENTICATED,
    ("POST", "/language"): PUBLIC,  # the header's language switch (?lang= stores nothing)
    ("GET", "/account/password"): AUTHENTICATED,  # one's own password (needs the current one)
    ("POST", "/account/password"): AUTHENTICATED,
    ("GET", "/static"): PUBLIC,  # the mounted directory of CSS and vendored htmx (web/app.py)
    # scripts
    ("GET", "/scripts"): AUTHOR,
    ("GET", "/scripts/new"): AUTHOR,
    ("POST", "/scripts/new"): AUTHOR,
    ("POST", "/scripts/preview-speech"): AUTHOR,  # the form's preview of what will be said
    ("GET", "/scripts/{script_id}"): AUTHENTICATED,  # history and audit; domain checks the area
    ("GET", "/scripts/{script_id}/edit"): AUTHOR,
    ("POST", "/scripts/{script_id}/edit"): AUTHOR,
    ("POST", "/versions/{version_id}/submit"): AUTHOR,
    ("POST", "/versions/{version_id}/withdraw"): AUTHOR,
    # review
    ("GET", "/review"): REVIEWER,
    ("GET", "/review/{version_id}"): REVIEWER,
    ("POST", "/versions/{version_id}/approve"): REVIEWER,
    ("POST", "/versions/{version_id}/reject"): REVIEWER,
    # audio
    ("GET", "/assets/{sha256}"): AUTHENTICATED,  # the route checks the script is visible
    ("GET", "/versions/{version_id}/render-status"): AUTHENTICATED,  # polled; route checks area
    ("GET", "/versions/{version_id}/mp3"): AUTHENTICATED,  # approved audio; route checks area
    # lexicon
    ("GET", "/admin/lexicon"): ADMIN,
    ("POST", "/admin/lexicon"): ADMIN,
    ("POST", "/admin/lexicon/delete"): ADMIN,
    # admin
    ("GET", "/admin/users"): ADMIN,
    ("POST", "/admin/users"): ADMIN,
    ("POST", "/admin/users/{user_id}/roles"): ADMIN,
    ("POST", "/admin/users/{user_id}/active"): ADMIN,
    ("POST", "/admin/users/{user_id}/password"): ADMIN,  # reset: ends the user's sessions
    ("GET", "/admin/areas"): ADMIN,
    ("POST", "/admin/areas"): ADMIN,
    ("GET", "/admin/report-targets"): ADMIN,
    ("POST", "/admin/report-targets"): ADMIN,
    ("POST", "/admin/report-targets/{target_id}/delete"): ADMIN,
    ("GET", "/admin/voices"): ADMIN,  # installed piper voices, the voice per region
    ("POST", "/admin/voices"): ADMIN,  # choose a region's voice: its scripts render again
    # schedules and publishing (schedules); routes check the area subtree
    ("GET", "/schedules"): OPERATOR,
    ("GET", "/schedules/new"): OPERATOR,
    ("POST", "/schedules/new"): OPERATOR,
    ("GET", "/schedules/{schedule_id}"): OPERATOR,
    ("GET", "/schedules/{schedule_id}/edit"): OPERATOR,
    ("POST", "/schedules/{schedule_id}/edit"): OPERATOR,
    ("POST", "/schedules/{schedule_id}/publish"): OPERATOR,
    ("GET", "/publications/{publication_id}/download"): OPERATOR,
    ("GET", "/api/v1/schedules"): OPERATOR,
    ("GET", "/api/v1/schedules/{schedule_id}/timeline"): OPERATOR,
    ("POST", "/api/v1/schedules/{schedule_id}/publish"): OPERATOR,
    ("GET", "/api/v1/publications/{publication_id}/download"): OPERATOR,
    # devices dashboard (devices) and reports (reports); routes check the area subtree
    ("GET", "/devices"): OPERATOR_OR_REVIEWER,
    ("GET", "/devices/{unit_id}"): OPERATOR_OR_REVIEWER,
    ("GET", "/reports"): OPERATOR_OR_REVIEWER,
    ("POST", "/reports/export"): OPERATOR_OR_REVIEWER,
    ("GET", "/reports/jobs/{job_id}"): OPERATOR_OR_REVIEWER,  # polled; only the job's owner
    ("GET", "/reports/jobs/{job_id}/download"): OPERATOR_OR_REVIEWER,
    # emergencies (emergency): templates approved once, issue, four-eyes, stop, live status;
    # the domain checks the area subtree of every action
    ("GET", "/emergencies"): ISSUER_OR_REVIEWER,
    ("GET", "/emergencies/templates"): EMERGENCY_TEMPLATES,
    ("GET", "/emergencies/templates/new"): TEMPLATE_WRITER,
    ("POST", "/emergencies/templates/new"): TEMPLATE_WRITER,
    ("GET", "/emergencies/templates/{template_id}"): EMERGENCY_TEMPLATES,
    ("POST", "/emergencies/templates/{template_id}/approve"): REVIEWER,
    ("POST", "/emergencies/templates/{template_id}/end"): REVIEWER,  # reject or revoke
    ("GET", "/emergencies/new"): ISSUER,
    ("POST", "/emergencies/new"): ISSUER,
    ("GET", "/emergencies/free"): ISSUER,
    ("POST", "/emergencies/free"): ISSUER,
    ("GET", "/emergencies/{emergency_id}"): ISSUER_OR_REVIEWER,
    ("GET", "/emergencies/{emergency_id}/status"): ISSUER_OR_REVIEWER,  # polled fragment
    ("GET", "/emergencies/{emergency_id}/audio"): ISSUER_OR_REVIEWER,
    ("POST", "/emergencies/{emergency_id}/approve"): ISSUER_OR_REVIEWER,  # the second person
    ("POST", "/emergencies/{emergency_id}/reject"): ISSUER_OR_REVIEWER,
    ("POST", "/emergencies/{emergency_id}/stop"): ISSUER,
    ("GET", "/api/v1/emergency-templates"): EMERGENCY_TEMPLATES,
    ("POST", "/api/v1/emergencies"): ISSUER,
    ("POST", "/api/v1/emergencies/{emergency_id}/stop"): ISSUER,
    ("GET", "/api/v1/emergencies/{emergency_id}"): ISSUER_OR_REVIEWER,
    # relay channels (relay): admins register, reviewers approve (bound to the URL), operators
    # see what their schedules may relay; the domain checks the channel's area
    ("GET", "/relay"): RELAY_VIEWERS,
    ("GET", "/relay/new"): ADMIN,
    ("POST", "/relay/new"): ADMIN,
    ("GET", "/relay/{channel_id}"): RELAY_VIEWERS,
    ("GET", "/relay/{channel_id}/edit"): ADMIN,
    ("POST", "/relay/{channel_id}/edit"): ADMIN,
    ("POST", "/relay/{channel_id}/approve"): REVIEWER,
    ("POST", "/relay/{channel_id}/end"): REVIEWER,  # reject or revoke
    ("GET", "/api/v1/relay-channels"): RELAY_VIEWERS,
    # --- JSON API (api; schedules' own under /api/v1/schedules and /api/v1/publications) --
    ("GET", "/api/v1/openapi.json"): PUBLIC,
    ("POST", "/api/v1/token"): PUBLIC,
    ("GET", "/api/v1/me"): AUTHENTICATED,
    ("GET", "/api/v1/areas"): AUTHENTICATED,
    ("GET", "/api/v1/topics"): AUTHENTICATED,
    ("GET", "/api/v1/scripts"): AUTHOR,
    ("POST", "/api/v1/scripts"): AUTHOR,
    ("POST", "/api/v1/scripts/recording"): AUTHOR,
    ("GET", "/api/v1/scripts/{script_id}"): AUTHENTICATED,
    ("POST", "/api/v1/scripts/{script_id}/versions"): AUTHOR,
    ("POST", "/api/v1/versions/{version_id}/submit"): AUTHOR,
    ("POST", "/api/v1/versions/{version_id}/withdraw"): AUTHOR,
    ("POST", "/api/v1/versions/{version_id}/approve"): REVIEWER,
    ("POST", "/api/v1/versions/{version_id}/reject"): REVIEWER,
    ("GET", "/api/v1/review-queue"): REVIEWER,
    ("GET", "/api/v1/users"): ADMIN,
    ("POST", "/api/v1/users"): ADMIN,
    ("PUT", "/api/v1/users/{user_id}/roles"): ADMIN,
    ("POST", "/api/v1/areas"): ADMIN,
    # unit sync (web/routes/sync.py): enrol needs the one-time code, the rest a unit signature
    ("POST", "/api/v1/units/enrol"): UNIT_SIGNED,
    ("GET", "/api/v1/units/{unit_id}/bundle"): UNIT_SIGNED,
    ("POST", "/api/v1/units/{unit_id}/asrun"): UNIT_SIGNED,
    ("POST", "/api/v1/units/{unit_id}/heartbeat"): UNIT_SIGNED,
    ("POST", "/api/v1/units/{unit_id}/enrol-code"): OPERATOR,  # route checks the unit's area
    ("GET", "/api/v1/units/{unit_id}/emergencies"): UNIT_SIGNED,
    ("GET", "/api/v1/units/{unit_id}/emergencies/{bundle_id}"): UNIT_SIGNED,
    ("POST", "/api/v1/units/{unit_id}/emergencies/{emergency_id}/played"): UNIT_SIGNED,
}


def rule_for(method: str, path: str) -> Rule | None:
    if method == "HEAD":
        method = "GET"
    return RULES.get((method, path))


def allows(rule: Rule, *, authenticated: bool, roles: set[str]) -> bool:
    if rule == PUBLIC:
        return True
    if not authenticated:
        return False
    if rule == AUTHENTICATED:
        return True
    return Role.ADMIN.value in roles or bool(roles & set(rule))


def describe(rule: Rule) -> str:
    return rule if isinstance(rule, str) else "|".join(sorted(rule))
