"""The supervisor's live view of the contact centre: today's (or a chosen period's) figures,
each chart drawn on the server with its figures in a table beside it, and a CSV export."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from synergy.contact.desk import figures as desk_figures
from synergy.contact.desk import queue
from synergy.contact.desk.charts import Bar, bar_chart
from synergy.contact.desk.deps import Supervisor
from synergy.contact.service import UK_TIME
from synergy.core.db import utcnow
from synergy.core.deps import SessionDep
from synergy.core.errors import InvalidRequest
from synergy.core.web import render

router = APIRouter(prefix="/contact/supervisor")
MAX_DAYS = 366


def period(start: str | None, end: str | None) -> tuple[dt.date, dt.date]:
    """The days asked for (inclusive), today in UK time when none are given."""
    today = utcnow().astimezone(UK_TIME).date()
    try:
        first = dt.date.fromisoformat(start) if start else today
        last = dt.date.fromisoformat(end) if end else first
    except ValueError:
        raise InvalidRequest(
            "Enter dates as year-month-day, like 2026-12-03", field="start"
        ) from None
    if last < first:
        raise InvalidRequest("The end date must be on or after the start date", field="end")
    if (last - first).days >= MAX_DAYS:
        raise InvalidRequest(f"Choose a period of at most {MAX_DAYS} days", field="end")
    return first, last


def _bounds(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(first, dt.time(), tzinfo=UK_TIME)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), tzinfo=UK_TIME)
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


def _charts(result: desk_figures.Figures) -> dict[str, Any]:
    queues = list(result.queues.values())
    waiting = [Bar(q.queue.capitalize(), q.waiting_now, str(q.waiting_now)) for q in queues]
    within = [
        Bar(
            q.queue.capitalize(),
            (q.within_target_share or 0) * 100,
            "no calls" if q.within_target_share is None else f"{q.within_target_share:.0%}",
        )
        for q in queues
    ]
    agents = [Bar(name, count, str(count)) for name, count in sorted(result.per_agent.items())]
    return {
        "waiting_chart": bar_chart("Calls waiting now, by queue", waiting, chart_id="waiting"),
        "within_chart": bar_chart("Answered within target, by queue", within, chart_id="within"),
        "agents_chart": bar_chart("Calls handled per agent", agents, chart_id="agents"),
    }


@router.get("", response_class=HTMLResponse, summary="Supervisor's live view")
def live_view(request: Request, db: SessionDep, _: Supervisor) -> Response:
    start, end = request.query_params.get("start"), request.query_params.get("end")
    try:
        first, last = period(start, end)
    except InvalidRequest as problem:
        first = last = utcnow().astimezone(UK_TIME).date()
        error: InvalidRequest | None = problem
    else:
        error = None
    live_since = queue.fingerprint(db)  # read first: a change after it is then sent live
    result = desk_figures.figures(db, start=_bounds(first, last)[0], end=_bounds(first, last)[1])
    context = {
        "title": "Contact centre live view",
        "live_since": live_since,
        "figures": result,
        "first": first,
        "last": last,
        "typed": {"start": start or "", "end": end or ""},
        **_charts(result),
    }
    if error is not None:
        context.update(
            errors=[{"text": error.message, "href": f"#{error.field}"}],
            field_errors={error.field: error.message},
        )
    return render(
        request, "contact/desk/supervisor.html", context, status_code=422 if error else 200
    )


@router.get("/export", summary="The live view's figures as CSV")
def export(request: Request, db: SessionDep, _: Supervisor) -> Response:
    first, last = period(request.query_params.get("start"), request.query_params.get("end"))
    start, end = _bounds(first, last)
    text = desk_figures.as_csv(desk_figures.figures(db, start=start, end=end))
    name = f"contact-figures-{first.isoformat()}-to-{last.isoformat()}.csv"
    return Response(
        text,
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
        },
    )
