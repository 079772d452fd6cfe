"""``portfolio index``: every project of a learner on one page, grouped the way reviewers read.

Takes project folders, git URLs, ``owner/repo`` and/or a GitHub user; hands on a public page
and README for employers, a private review for the learner, and both published to GitHub.

Public API: :func:`build_portfolio` (targets and/or a GitHub user -> :class:`Portfolio`),
:func:`write_site` (the public README.md + index.html, and portfolio.json),
:func:`generator.index.review.write_review` (the learner's private page),
:func:`generator.index.profile.publish_site` (the ``USER/USER`` profile repository) and
:func:`generator.index.pages.publish_pages` (GitHub Pages).
"""

from generator.index.build import IndexRequest, SiteResult, build_portfolio, write_site
from generator.index.collect import CollectOptions
from generator.index.model import SCHEMA, Metric, Portfolio, ProjectCard

__all__ = [
    "SCHEMA",
    "CollectOptions",
    "IndexRequest",
    "Metric",
    "Portfolio",
    "ProjectCard",
    "SiteResult",
    "build_portfolio",
    "write_site",
]
