"""``portfolio index``: every project of a learner on one page, grouped the way reviewers read.

Public API: :func:`build_portfolio` (targets and/or a GitHub user -> :class:`Portfolio`),
:func:`write_site` (README.md + index.html + portfolio.json) and :func:`publish_site`
(push them to the ``USER/USER`` profile repository).
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
