"""A timeline you can look at: one self-contained HTML file (no network, no external fonts).

The time axis, zooming, stacking and lanes come from vis-timeline (vendored in kb/static,
dual Apache-2.0/MIT), inlined into the page: a well-kept timeline library rather than a
hand-written layout engine. Events are drawn at the span their date covers — a year-only date
is a bar across the year — one lane per policy, state changes set apart from other events;
selecting an event opens its citations. Below the chart the same timeline is written out as a
list, which is what prints.

Everything a document supplies is untrusted (a headline may hold `<!--<script>`, a source URL
`javascript:…`), so: the list is built as an element tree and serialised (text and attributes
escaped), the data travels as JSON that cannot end its `<script>` element, the page's script
builds the chart and the details with DOM APIs only (textContent, setAttribute), only http(s)
URLs become links, and the Content-Security-Policy runs nothing but the inlined scripts whose
SHA-256 it names.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import xml.etree.ElementTree as ET
from functools import cache
from importlib import resources
from typing import Any, TextIO

from kb.export import lane
from kb.queries import Timeline, TimelineEvent, event_date
from kb.render import actors_text, format_date

# Only a URL that literally starts with the scheme is a link: browsers strip leading blanks and
# tabs inside "java\tscript:", so a looser test on a cleaned-up string could pass what they run.
LINKABLE = re.compile(r"https?://", re.IGNORECASE)

# Characters that could end or comment out the data's <script> element, or (U+2028/9) break
# older JavaScript parsers; in a JSON string each is the same character written as \uXXXX.
_JSON_ESCAPES = {ord(c): f"\\u{ord(c):04x}" for c in "<>&\u2028\u2029"}


@cache
def _asset(name: str) -> str:
    # The browser hashes the parsed text, in which the HTML parser has turned CRLF/CR into LF.
    text = resources.files("kb").joinpath("static", name).read_text(encoding="utf-8")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def csp_hash(text: str) -> str:
    """The CSP source expression allowing exactly this inline script or style."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


_JS_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


def _js_string(js: str, start: int) -> str | None:
    """The value of the JavaScript string literal whose quote is js[start]."""
    out, i, quote = [], start + 1, js[start]
    while i < len(js):
        c = js[i]
        if c == quote:
            return "".join(out)
        if c != "\\":
            out.append(c)
            i += 1
            continue
        n = js[i + 1 : i + 2]
        if n in ("x", "u") and js[i + 2 : i + 3] != "{":
            width = 2 if n == "x" else 4
            out.append(chr(int(js[i + 2 : i + 2 + width], 16)))
            i += 2 + width
            continue
        if n == "\n":  # a line continuation
            i += 2
            continue
        if n == "u":
            close = js.index("}", i)
            out.append(chr(int(js[i + 3 : close], 16)))
            i = close + 1
            continue
        out.append(_JS_ESCAPES.get(n, n))
        i += 2
    return None


@cache
def _vis_injected_styles() -> tuple[str, ...]:
    """The stylesheet chunks vis-timeline's bundle inserts as <style> elements when it loads.

    Each is a string literal of the bundle, and in order they make up the vendored
    stylesheet, which is how they are found. If a future bundle differs, nothing is returned:
    those insertions are then refused (the page keeps the inlined stylesheet, the same rules)
    and the browser tests' console check says so.
    """
    js, css = _asset("vis-timeline-graph2d.min.js"), _asset("vis-timeline-graph2d.min.css").rstrip("\n")
    chunks: list[str] = []
    pos = 0
    while pos < len(css):
        starts = [i for i in (js.find(q + css[pos : pos + 24]) for q in "\"'") if i >= 0]
        chunk = _js_string(js, min(starts)) if starts else None
        if not chunk or not css.startswith(chunk, pos):
            return ()
        chunks.append(chunk)
        pos += len(chunk)
    return ("", *chunks)  # the bundle inserts each <style> empty, then fills it


def _inline(tag: str, text: str) -> str:
    if re.search(rf"</{tag}", text, re.IGNORECASE):
        raise ValueError(f"inlined {tag} contains </{tag}")  # would end its element early: a bug of ours, not input
    return f"<{tag}>{text}</{tag}>"


def json_for_script(value: Any) -> str:
    """JSON to place inside <script type="application/json">: it can neither close the element nor open a comment."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)


def _item(event: TimelineEvent, tl: Timeline, index: int, groups: dict[str, int]) -> dict[str, Any]:
    spec = event_date(event)
    first, last = spec.interval()
    point = spec.precision == "day" and spec.end is None
    classes = ["state-change" if event.changes_state else "other", f"precision-{spec.precision}"]
    if spec.qualifier:
        classes.append(spec.qualifier.replace("_", "-"))
    name = lane(event, tl, default="Other")
    item: dict[str, Any] = {
        "id": index,
        "key": event.key,
        "group": groups.setdefault(name, len(groups)),
        "lane": name,
        "start": first.isoformat(),
        # The last day, inclusive: the page adds the day (9999-12-31 has no successor in Python).
        "last": None if point else last.isoformat(),
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
                # An inferred publication date makes every date resolved against it inferred: say so.
                "basis": c.date_basis + ("; publication date inferred" if c.date_inferred else ""),
                "attributedTo": c.attributed_to,
            }
            for c in event.citations
        ],
    }
    return item


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, tag, {k.rstrip("_"): v for k, v in attrs.items()})
    node.text = text
    return node


def _add_text(parent: ET.Element, text: str) -> None:
    """Append text after the parent's last child (ElementTree keeps it as that child's tail)."""
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _source(parent: ET.Element, url: str | None, title: str) -> None:
    if url and LINKABLE.match(url):
        _sub(parent, "a", title, href=url, rel="noopener noreferrer")
        return
    _sub(parent, "cite", title)
    if url:
        _add_text(parent, " ")
        _sub(parent, "code", url, class_="url")  # shown, never followed


def _list(tl: Timeline) -> str:
    """The timeline as a plain list: what prints, and what reads without scripts."""
    ol = ET.Element("ol", {"class": "events"})
    for i, e in enumerate(tl.events):
        li = _sub(ol, "li", id=f"event-{i}", class_="state-change" if e.changes_state else "other")
        _sub(li, "span", format_date(e.date, e.qualifier, e.end), class_="when")
        _add_text(li, " ")
        _sub(li, "span", e.type, class_="kind")
        _add_text(li, " ")
        _sub(li, "b", e.headline)
        if e.stance:
            _sub(li, "p", e.stance, class_="stance")
        for key, addition in e.stance_additions:
            _sub(li, "p", f"{key} adds: {addition}", class_="stance")
        cites = _sub(li, "ul", class_="cites")
        cites.text = ""  # an empty list is written <ul></ul>, not a self-closed tag
        for c in e.citations:
            cite = _sub(cites, "li")
            _sub(cite, "q", " ".join(c.quote.split()))
            _add_text(cite, " — ")
            _source(cite, c.source.url, c.source.title)
            _add_text(cite, f", {c.source.author}, {c.source.published}{' (partial text)' if c.source.partial else ''}")
            if c.date_inferred:
                _add_text(cite, f"; stated {format_date(c.stated_date, c.stated_qualifier, c.stated_end)} "
                                "(resolved against an inferred publication date)")  # fmt: skip
    return ET.tostring(ol, encoding="unicode", method="html")


def _text(tag: str, text: str, **attrs: str) -> str:
    node = ET.Element(tag, {k.rstrip("_"): v for k, v in attrs.items()})
    node.text = text
    return ET.tostring(node, encoding="unicode", method="html")


CSS = """
html { overflow-y: scroll; } /* the chart is laid out once for a width a late scrollbar would change */
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 1.5rem; color: #1d2330; }
h1 { font-size: 1.35rem; margin: 0 0 .25rem; } .sub { color: #5b6475; margin: 0 0 1rem; }
h2 { font-size: 1.1rem; } #details h2 { margin: .3rem 0; }
#chart { border: 1px solid #d5dae3; border-radius: 6px; }
.vis-item { border-radius: 4px; font-size: 12px; }
/* A label wraps within 24em, never cut; a bar's label starts on the bar and runs on past it
   (vis-timeline then counts it in the item's width, so stacking keeps labels apart). */
.vis-item .label { display: inline-block; max-width: 24em; line-height: 1.25; white-space: normal; overflow-wrap: anywhere; vertical-align: top; }
/* Hundreds of events: one line each, ended with an ellipsis (tooltip, details and list are whole). */
#chart.compact .vis-item .label { max-width: 16em; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.vis-item .label:focus-visible { outline: 2px solid #1d5fbf; outline-offset: 1px; }
.vis-item.vis-range .vis-item-overflow { overflow: visible; }
.vis-item.vis-range .vis-item-content { width: max-content; }
.vis-item.vis-range.state-change { background: #f7dcd8; border-color: #c0392b; color: #922b21; }
.vis-labelset .vis-label .vis-inner { max-width: 10em; white-space: normal; overflow-wrap: anywhere; }
@media (max-width: 800px) { .vis-labelset .vis-label .vis-inner { max-width: 8em; font-size: 12px; } .vis-item .label { max-width: 14em; } }
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
code.url { font-size: 12px; word-break: break-all; }
.legend span { display: inline-block; margin-right: 1rem; font-size: 13px; }
.legend i { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: -1px; border-radius: 2px; }
.legend i.state-change { background: #c0392b; } .legend i.other { background: #dfe8f5; border: 1px solid #7f9cc6; }
ol.events { padding-left: 1.2rem; } ol.events > li { margin: .6rem 0; } ol.events .when { font-variant-numeric: tabular-nums; color: #5b6475; }
ol.events li.state-change > b { color: #922b21; } .stance { margin: .2rem 0; font-style: italic; }
ul.cites { font-size: 13px; color: #3c4454; }
@media print { #chart, #details, .legend, .hint { display: none; } body { margin: 0; } a { color: inherit; } }
"""

# Every string from the data reaches the page through textContent or a checked setAttribute;
# vis-timeline gets Elements for item, group and tooltip content, so it never parses them as HTML.
SCRIPT = """
(function () {
  'use strict';
  var COMPACT = 80;  // events beyond which labels keep to one line
  var data = JSON.parse(document.getElementById('kb-data').textContent);
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text != null) { node.textContent = String(text); }
    if (cls) { node.className = cls; }
    return node;
  }
  function linkable(url) { return typeof url === 'string' && /^https?:\\/\\//i.test(url); }
  function source(c) {
    if (linkable(c.url)) {
      var a = el('a', c.title);
      a.setAttribute('href', c.url);
      a.setAttribute('rel', 'noopener noreferrer');
      return [a];
    }
    var parts = [el('cite', c.title)];
    if (c.url) { parts.push(document.createTextNode(' '), el('code', c.url, 'url')); }
    return parts;
  }
  // Date.UTC reads years 0-99 as 1900-1999; setUTCFullYear takes any year, and rolls day 32 over.
  function day(iso, plus) {
    var p = iso.split('-'), d = new Date(0);
    d.setUTCFullYear(+p[0], +p[1] - 1, +p[2] + (plus || 0));
    return d;
  }
  var groups = data.groups.map(function (g, i) { return { id: i, content: el('span', g), order: i }; });
  var labels = [];
  var items = data.events.map(function (e) {
    // The label is the item's content and a keyboard stop; its full text is also its tooltip and aria-label.
    var label = el('span', e.headline, 'label');
    label.setAttribute('tabindex', '0');
    label.setAttribute('role', 'button');
    label.setAttribute('data-item', String(e.id));
    label.setAttribute('aria-label', e.label + ', ' + e.kind + ': ' + e.headline);
    labels.push(label);
    var item = { id: e.id, group: e.group, start: day(e.start), type: e.type, className: e.className,
                 content: label, title: el('span', e.label + ' · ' + e.kind + ' · ' + e.headline) };
    if (e.last) { item.end = day(e.last, 1); }
    return item;
  });
  // Long empty stretches (decades between two events, the centuries before a year-1 date) are
  // left out of the axis, so the events are not squeezed to one side.
  var YEAR = 365.25 * 864e5, spans = items.map(function (it) { return [+it.start, +(it.end || it.start)]; })
    .sort(function (a, b) { return a[0] - b[0]; });
  var first = spans.length ? spans[0][0] : 0, last = first;
  spans.forEach(function (s) { last = Math.max(last, s[1]); });
  var hidden = [], reach = first, shown = last - first;
  spans.forEach(function (s) {
    var gap = s[0] - reach;
    if (gap > 3 * YEAR && gap > 0.08 * (last - first)) {
      hidden.push({ start: new Date(reach + YEAR / 2), end: new Date(s[0] - YEAR / 2) });
      shown -= gap - YEAR;
    }
    reach = Math.max(reach, s[1]);
  });
  var details = document.getElementById('details');
  var chart = document.getElementById('chart');
  if (data.events.length > COMPACT) { chart.classList.add('compact'); }
  function show(id) {
    var e = data.events[id];
    if (!e) { return; }
    var head = el('div');
    head.append(el('b', e.label), ' · ' + e.kind + ' · ' + e.lane);
    var nodes = [head, el('h2', e.headline)];
    if (e.stance) { nodes.push(el('p', e.stance, 'stance')); }
    if (e.actors) { nodes.push(el('p', e.actors)); }
    e.citations.forEach(function (c) {
      nodes.push(el('blockquote', c.quote, 'quote'));
      var src = el('div', null, 'source');
      src.append.apply(src, source(c));
      src.append(' — ' + c.author + ', ' + c.published + (c.partial ? ' (partial text)' : '') +
                 ' · stated ' + c.stated + ' (' + c.basis + ')' +
                 (c.attributedTo ? ' · attributed to ' + c.attributedTo : ''));
      nodes.push(src);
    });
    details.replaceChildren.apply(details, nodes);
    details.setAttribute('data-event', e.key);
  }
  // No height cap: every stacked row is in the chart's box, and the page scrolls (a capped
  // chart hid the rest below its edge until dragged).
  var options = { stack: true, zoomKey: 'ctrlKey', orientation: 'top', margin: { item: { horizontal: 10, vertical: 4 } },
                  groupOrder: 'order', tooltip: { followMouse: true }, showCurrentTime: false,
                  hiddenDates: hidden, start: new Date(first), end: new Date(last + YEAR / 12),
                  // Ready once drawn with the window set below: until then the chart is hidden (Tab
                  // skips it) and its items may still move.
                  onInitialDrawComplete: function () { document.body.setAttribute('data-ready', 'true'); } };
  function labelRoom() {
    // The widest a label gets: its CSS max-width, which narrow screens lower.
    var probe = el('div', null, 'vis-item'), text = el('span', new Array(80).join('M '), 'label');
    probe.style.position = 'absolute';
    probe.style.visibility = 'hidden';
    probe.append(text);
    chart.append(probe);
    var room = text.getBoundingClientRect().width + 48;  // and the dot, a '≤ ' and margins
    probe.remove();
    return room;
  }
  var timeline = new vis.Timeline(chart, new vis.DataSet(items), new vis.DataSet(groups), options);
  // Labels run to the right of their dot or bar start (at most the CSS max-width): leave the last one room.
  var width = chart.querySelector('.vis-panel.vis-center').clientWidth, room = labels.length ? labelRoom() : 0;
  var lead = shown * 0.02 + YEAR / 24, body = shown + lead;
  var pad = width > room * 1.5 ? body * room / (width - room) : body;
  // As options, not setWindow: on its first 'changed' event, which may come after this (once a
  // redraw has settled), vis-timeline sets the window to options.start/end, or fits it to the items.
  // vis-timeline caps the window at 10,000 years (hidden stretches included), which years 1 and 9999 exceed.
  var start = first - lead, end = last + pad;
  timeline.setOptions({ start: new Date(start), end: new Date(end), zoomMax: Math.max(315360000000000, 1.1 * (end - start)) });
  timeline.on('select', function (p) { if (p.items.length) { show(p.items[0]); } });
  // Keyboard: Tab reaches each label; arrows move through the events in date order; Enter shows citations.
  var pending = null, moves = 0, center = chart.querySelector('.vis-panel.vis-center');
  function inView(node) {
    var r = node.getBoundingClientRect(), c = center.getBoundingClientRect();
    return r.left >= c.left - 1 && r.right <= c.right + 1 && r.top >= c.top - 1 && r.bottom <= c.bottom + 1;
  }
  function bringIntoView(id) {
    // A focused element scrolls its overflow:hidden ancestors, which vis-timeline does not expect.
    chart.querySelectorAll('.vis-panel, .vis-content').forEach(function (p) { p.scrollTop = 0; p.scrollLeft = 0; });
    var node = labels[id];
    if (!node.isConnected || !inView(node)) {
      // Centre the label, which starts at the item's start and runs right (timeline.focus would
      // centre a bar's middle, leaving a long bar's label outside): a label drawn elsewhere,
      // or not drawn, moves the window. A few moves at most: a label wider than the chart, or
      // an estimate off by a hidden stretch, must not move it forever.
      var w = timeline.getWindow(), perPx = (w.end - w.start) / center.clientWidth;
      var half = (node.isConnected ? node.getBoundingClientRect().width : room) / 2;
      var target = +items[id].start + half * perPx;
      if (moves < 3 && Math.abs(target - (+w.start + +w.end) / 2) > perPx) {
        pending = id;
        moves += 1;
        timeline.moveTo(new Date(target), { animation: false });
        return;
      }
    }
    moves = 0;
    var r = node.getBoundingClientRect();
    if (r.top < 0 || r.bottom > window.innerHeight) { window.scrollBy(0, r.top - window.innerHeight / 3); }
  }
  function reveal(id) {
    timeline.setSelection([id]);
    if (labels[id].isConnected) { labels[id].focus({ preventScroll: true }); }
    moves = 0;
    bringIntoView(id);
  }
  timeline.on('changed', function () {
    if (pending !== null) {
      var id = pending;
      pending = null;
      if (labels[id].isConnected) { labels[id].focus({ preventScroll: true }); }
      bringIntoView(id);
    }
  });
  chart.addEventListener('keydown', function (ev) {
    var node = ev.target.closest && ev.target.closest('[data-item]');
    if (!node) { return; }
    var id = +node.getAttribute('data-item'), step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[ev.key];
    if (ev.key === 'Enter' || ev.key === ' ') { timeline.setSelection([id]); show(id); }
    else if (step && data.events[id + step]) { reveal(id + step); }
    else { return; }
    ev.preventDefault();
  });
  chart.addEventListener('focusin', function (ev) {
    var node = ev.target.closest && ev.target.closest('[data-item]');
    if (!node) { return; }
    var id = +node.getAttribute('data-item');
    timeline.setSelection([id]);
    if (pending === null) { moves = 0; bringIntoView(id); }
  });
  window.kbTimeline = timeline;
  window.kbShow = show;
})();
"""


def write_html(tl: Timeline, out: TextIO, *, title: str | None = None) -> None:
    """The whole page: styles, the vis-timeline library, the data and the list, in one file."""
    subject = title or " + ".join(p.name for p in tl.policies) or "Policy timeline"
    lanes: dict[str, int] = {}
    items = [_item(e, tl, i, lanes) for i, e in enumerate(tl.events)]
    payload = json_for_script({"events": items, "groups": list(lanes)})
    known = f", as the sources published by {tl.as_of.isoformat()} tell it" if tl.as_of else ""
    styles = [_asset("vis-timeline-graph2d.min.css"), CSS]
    scripts = [_asset("vis-timeline-graph2d.min.js"), SCRIPT]
    # No 'unsafe-inline' anywhere: vis-timeline positions items through element.style (CSSOM),
    # which style-src does not govern; the page itself has no style attributes; the <style>
    # elements, ours and those the bundle inserts, are named by hash.
    csp = "; ".join(
        [
            "default-src 'none'",
            "script-src " + " ".join(csp_hash(s) for s in scripts),
            "style-src " + " ".join(dict.fromkeys(csp_hash(s) for s in [*styles, *_vis_injected_styles()])),
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    out.write(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">"
        f"{_text('title', subject)}\n"
        + "\n".join(_inline("style", s) for s in styles)
        + "</head><body>\n"
        f"{_text('h1', subject)}"
        f"{_text('p', f'{len(items)} events{known}; every one backed by verbatim quotes. Drag to move, Ctrl+scroll to zoom, select an event (or Tab to it, arrow keys for the next, Enter) to read its sources.', class_='sub')}\n"
        "<p class=\"legend\"><span><i class=\"state-change\"></i>changes the policy's state</span>"
        "<span><i class=\"other\"></i>other event</span>"
        "<span>bars: the span an imprecise date covers (a year, a month)</span><span>≤: on or before</span></p>\n"
        "<div id=\"chart\"></div>\n<div id=\"details\" aria-live=\"polite\"><span class=\"hint\">"
        "Select an event to see its citations.</span></div>\n"
        f"<h2>All events</h2>{_list(tl)}\n"
        f"<script type=\"application/json\" id=\"kb-data\">{payload}</script>\n"
        + "\n".join(_inline("script", s) for s in scripts)
        + "\n</body></html>\n"
    )
