"""Baseline for `kb state POLICY --at DAY` (text), over the policy_states and
policy_confirmations views (docs/schema.md's canned query): sqlite3 + click, the same bytes."""

from __future__ import annotations

import sys

import click
from common import connect, events, fail, label, marks, numbers, shown, write_sources

STATE = """
SELECT s.policy_name, s.valid_from, s.opened_by, s.base_event, c.event_key
FROM policy_states s
LEFT JOIN policy_confirmations c ON c.policy_key = s.policy_key AND c.state_number = s.state_number
  AND c.latest_day <= :d
  AND NOT EXISTS (SELECT 1 FROM policy_confirmations x
                  WHERE x.policy_key = c.policy_key AND x.state_number = c.state_number
                    AND x.latest_day <= :d AND x.sort_key > c.sort_key)
WHERE s.policy_key = :p
  AND (s.from_earliest_day IS NULL OR s.from_earliest_day <= :d)
  AND (s.superseded_day IS NULL OR s.superseded_day > :d)
ORDER BY s.state_number
"""


@click.command()
@click.argument("policy")
@click.option("--at", "day", required=True)
@click.option("--db", required=True)
def main(policy: str, day: str, db: str) -> None:
    conn = connect(db)
    rows = conn.execute(STATE, {"p": policy, "d": day}).fetchall()
    if len(rows) != 1:
        fail(f"{len(rows)} states on {day}: this baseline prints one determinate state")
    name, valid_from, opened_key, base_key, confirmed_key = rows[0]
    keys = [k for k in (base_key, opened_key, confirmed_key) if k]
    by_key = {e["key"]: shown(e) for e in events(conn, f"e.key IN ({','.join('?' * len(keys))})", tuple(keys))}
    opened, base = by_key[opened_key], by_key.get(base_key or "")
    confirmed = by_key.get(confirmed_key or "")
    out = sys.stdout
    if base is None:
        describe = f"the policy of {valid_from} ({opened['type']})"
    else:
        describe = f"the policy of {label(base['date'], base['qualifier'], base['end'])} ({base['type']}) with the exception of {valid_from}"
    out.write(f"{name} on {day}: {describe}\n\n")
    shown_events = list({e["key"]: e for e in (base, opened, confirmed) if e is not None}.values())
    nums = numbers(shown_events)
    lines = []
    for e in (x for x in (base, opened) if x is not None):
        lines.append(f"{label(e['date'], e['qualifier'], e['end'])}  {e['type']}  {e['headline']} {marks(e, nums)}")
        lines.append(f"   stance: {e['stance']}")
        lines.extend(f"   adds [{nums[k]}]: {t}" if k in nums else f"   adds ({k}): {t}" for k, t in e["additions"])
    out.write("\n".join(lines) + "\n")
    if confirmed is not None:
        c = confirmed
        out.write(f"still in force as confirmed on {label(c['date'], c['qualifier'], c['end'])}: {c['headline']} {marks(c, nums)}\n")
    write_sources(shown_events, nums, out)


if __name__ == "__main__":
    main()
