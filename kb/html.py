"""A timeline you can look at: one self-contained HTML file (no network, no external fonts).

The time axis, zooming, stacking and lanes come from vis-timeline (vendored in kb/static,
dual Apache-2.0/MIT), inlined into the page: a well-kept timeline library rather than a
hand-written layout engine. Events are drawn at the span their date covers — a year-only date
is a bar across the year — one lane per policy, state changes set apart from other events;
selecting an event opens its citations. Below the chart the same timeline is written out as a
list, which is what prints.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from importlib import resources
from typing import Any, TextIO

from kb.export import lane
from kb.queries import Timeline, TimelineEvent, event_date
from kb.render import actors_text, format_date


def _asset(name: str) -> str:
    return resources.files("kb").joinpath("static", name).read_text(encoding="utf-8")


def _item(event: TimelineEvent, tl: Timeline, index: int) -> dict[str, Any]:
    spec = event_date(event)
    first, last = spec.interval()
    point = spec.precision == "day" and spec.end is None
    classes = ["state-change" if event.changes_state else "other", f"precision-{spec.precision}"]
    if spec.qualifier:
        classes.append(spec.qualifier.replace("_", "-"))
    item: dict[str, Any] = {
        "id": index,
        "key": event.key,
        "group": lane(event, tl, default="Other"),
        "start": first.isoformat(),
        "type": "point" if point else "range",
        "label": format_date(event.date, event.qualifier, event.end),
        "kind": event.type,
        "changesState": event.changes_state,
        "headline": event.headline,
        "stance": event.stance,
        "actors": actors_text(event),
        "className": " ".join(classes),
        "citations": [
            {
                "quote": " ".join(c.quote.split()),
                "title": c.source.title,
                "author": c.source.author,
                "publisher": c.source.publisher,
                "published": c.source.published,
                "url": c.source.url,
                "partial": c.source.partial,
                "stated": format_date(c.stated_date, c.stated_qualifier, c.stated_end),
                "basis": c.date_basis,
                "attributedTo": c.attributed_to,
            }
            for c in event.citations
        ],
    }
    if not point:
        item["end"] = (last + dt.timedelta(days=1)).isoformat()  # the span's end is exclusive
    return item


def _list(tl: Timeline) -> str:
    """The timeline as a plain list: what prints, and what reads without scripts."""
    rows = []
    for i, e in enumerate(tl.events):
        cites = "".join(
            f"<li><q>{html.escape(' '.join(c.quote.split()))}</q> — <a href=\"{html.escape(c.source.url)}\">"
            f"{html.escape(c.source.title)}</a>, {html.escape(c.source.author)}, {c.source.published}"
            f"{' (partial text)' if c.source.partial else ''}</li>"
            for c in e.citations
        )
        stance = f"<p class=\"stance\">{html.escape(e.stance)}</p>" if e.stance else ""
        rows.append(
            f"<li id=\"event-{i}\" class=\"{'state-change' if e.changes_state else 'other'}\">"
            f"<span class=\"when\">{html.escape(format_date(e.date, e.qualifier, e.end))}</span> "
            f"<span class=\"kind\">{html.escape(e.type)}</span> <b>{html.escape(e.headline)}</b>"
            f"{stance}<ul class=\"cites\">{cites}</ul></li>"
        )
    return "<ol class=\"events\">" + "".join(rows) + "</ol>"


CSS = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 1.5rem; color: #1d2330; }
h1 { font-size: 1.35rem; margin: 0 0 .25rem; } .sub { color: #5b6475; margin: 0 0 1rem; }
#chart { border: 1px solid #d5dae3; border-radius: 6px; }
.vis-item { border-radius: 4px; font-size: 12px; }
.vis-item.state-change { background: #c0392b; border-color: #922b21; color: #fff; font-weight: 600; }
.vis-item.vis-point.state-change { background: transparent; color: #922b21; }
.vis-item.vis-point.other { background: transparent; color: #1d2330; }
.vis-item.state-change .vis-dot { border-color: #c0392b; border-width: 5px; border-radius: 5px; }
.vis-item.other { background: #dfe8f5; border-color: #7f9cc6; color: #1d2330; }
.vis-item.precision-year, .vis-item.precision-month { opacity: .85; background-image: repeating-linear-gradient(45deg, transparent 0 6px, rgba(255,255,255,.35) 6px 12px); }
.vis-item.on-or-before .vis-item-content::before { content: "≤ "; }
.vis-item.vis-selected { outline: 2px solid #f1c40f; }
#details { margin: 1rem 0; padding: .75rem 1rem; border-left: 4px solid #c0392b; background: #fafbfc; min-height: 2rem; }
#details blockquote { margin: .5rem 0 .25rem; padding-left: .75rem; border-left: 3px solid #d5dae3; }
#details .source { color: #5b6475; font-size: 13px; margin-bottom: .6rem; }
.legend span { display: inline-block; margin-right: 1rem; font-size: 13px; }
.legend i { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: -1px; border-radius: 2px; }
ol.events { padding-left: 1.2rem; } ol.events > li { margin: .6rem 0; } ol.events .when { font-variant-numeric: tabular-nums; color: #5b6475; }
ol.events li.state-change > b { color: #922b21; } .stance { margin: .2rem 0; font-style: italic; }
ul.cites { font-size: 13px; color: #3c4454; }
@media print { #chart, #details, .legend, .hint { display: none; } body { margin: 0; } a { color: inherit; } }
"""

SCRIPT = """
(function () {
  var data = JSON.parse(document.getElementById('kb-data').textContent);
  var esc = function (s) { var d = document.createElement('div'); d.textContent = s == null ? '' : String(s); return d.innerHTML; };
  var groups = data.groups.map(function (g, i) { return { id: g, content: esc(g), order: i }; });
  var day = function (iso) { var p = iso.split('-'); return new Date(Date.UTC(+p[0], +p[1] - 1, +p[2])); };
  var items = data.events.map(function (e) {
    var item = { id: e.id, group: e.group, start: day(e.start), type: e.type, className: e.className,
                 content: esc(e.headline), title: esc(e.label + ' · ' + e.kind) };
    if (e.end) { item.end = day(e.end); }
    return item;
  });
  var details = document.getElementById('details');
  function show(id) {
    var e = data.events[id];
    if (!e) { return; }
    var html = '<div><b>' + esc(e.label) + '</b> · ' + esc(e.kind) + ' · ' + esc(e.group) + '</div>' +
      '<h2 style="font-size:1.1rem;margin:.3rem 0">' + esc(e.headline) + '</h2>' +
      (e.stance ? '<p class="stance">' + esc(e.stance) + '</p>' : '') +
      (e.actors ? '<p>' + esc(e.actors) + '</p>' : '');
    e.citations.forEach(function (c) {
      html += '<blockquote class="quote">' + esc(c.quote) + '</blockquote><div class="source">' +
        '<a href="' + esc(c.url) + '">' + esc(c.title) + '</a> — ' + esc(c.author) + ', ' + esc(c.published) +
        (c.partial ? ' (partial text)' : '') + ' · stated ' + esc(c.stated) + ' (' + esc(c.basis) + ')' +
        (c.attributedTo ? ' · attributed to ' + esc(c.attributedTo) : '') + '</div>';
    });
    details.innerHTML = html;
    details.setAttribute('data-event', e.key);
  }
  var options = { stack: true, zoomKey: 'ctrlKey', orientation: 'top', margin: { item: 6 },
                  groupOrder: 'order', tooltip: { followMouse: true }, showCurrentTime: false,
                  maxHeight: Math.max(320, Math.min(900, 120 + data.events.length * 14)) };
  var timeline = new vis.Timeline(document.getElementById('chart'), new vis.DataSet(items),
                                   new vis.DataSet(groups), options);
  timeline.fit({ animation: false });
  // Labels of point events run to the right of their dot: leave them room at the end.
  var w = timeline.getWindow(), span = w.end - w.start;
  timeline.setWindow(new Date(+w.start - span * 0.02), new Date(+w.end + span * 0.3), { animation: false });
  timeline.on('select', function (p) { if (p.items.length) { show(p.items[0]); } });
  window.kbTimeline = timeline;
  window.kbShow = show;
  document.body.setAttribute('data-ready', 'true');
})();
"""


def write_html(tl: Timeline, out: TextIO, *, title: str | None = None) -> None:
    """The whole page: styles, the vis-timeline library, the data and the list, in one file."""
    subject = title or " + ".join(p.name for p in tl.policies) or "Policy timeline"
    items = [_item(e, tl, i) for i, e in enumerate(tl.events)]
    groups = list(dict.fromkeys(item["group"] for item in items))
    payload = json.dumps({"events": items, "groups": groups}, ensure_ascii=False).replace("</", "<\\/")
    known = f", as the sources published by {tl.as_of.isoformat()} tell it" if tl.as_of else ""
    out.write(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; "
        "style-src 'unsafe-inline'; img-src data:\">"
        f"<title>{html.escape(subject)}</title>\n<style>{_asset('vis-timeline-graph2d.min.css')}</style>\n"
        f"<style>{CSS}</style></head><body>\n"
        f"<h1>{html.escape(subject)}</h1><p class=\"sub\">{len(items)} events{known}; every one backed by "
        "verbatim quotes. Drag to move, Ctrl+scroll to zoom, select an event to read its sources.</p>\n"
        "<p class=\"legend\"><span><i style=\"background:#c0392b\"></i>changes the policy's state</span>"
        "<span><i style=\"background:#dfe8f5;border:1px solid #7f9cc6\"></i>other event</span>"
        "<span>bars: the span an imprecise date covers (a year, a month)</span><span>≤: on or before</span></p>\n"
        "<div id=\"chart\"></div>\n<div id=\"details\" aria-live=\"polite\"><span class=\"hint\">"
        "Select an event to see its citations.</span></div>\n"
        f"<h2 style=\"font-size:1.1rem\">All events</h2>{_list(tl)}\n"
        f"<script type=\"application/json\" id=\"kb-data\">{payload}</script>\n"
        f"<script>{_asset('vis-timeline-graph2d.min.js')}</script>\n<script>{SCRIPT}</script>\n"
        "</body></html>\n"
    )
