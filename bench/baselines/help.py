"""Baseline for `kb --help`: a minimal click group with kb's commands and their summaries."""

from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option("0", prog_name="kb")
def cli() -> None:
    """kb: policy timelines with verbatim citations.

    \b
    Example:
        kb timeline --policy POLICY
    """


SUMMARIES = {
    "actors": "List actors with their kinds, aliases and number of events.",
    "conflicts": "List events whose sources disagree on the date or on who acted.",
    "db": "Build, upgrade, downgrade and inspect the database.",
    "policies": "List policies with their owners, aliases and number of events.",
    "search": "Search event headlines and stances and source texts (phrases, prefixes, AND/OR/NOT).",
    "show": "Show one policy, actor, event or source with its events and citations.",
    "source": "Add documents to the knowledge base through reviewed migrations.",
    "sources": "List sources; --format csl-json or bibtex writes them as a bibliography.",
    "state": "Show a policy's state on a day, or its history of states, with citations.",
    "timeline": "Reconstruct a timeline of events with their citations.",
    "verify": "Prove every row against a replay of migrations/ and seeds/; exit 1 on any difference.",
}
for name, summary in SUMMARIES.items():
    cli.add_command(click.Command(name, help=summary, callback=lambda: None))

if __name__ == "__main__":
    cli(prog_name="kb")
