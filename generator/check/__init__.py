"""``portfolio check``: documentation completeness of any ML project, scored by a rubric.

Public API (used by other commands):
``check_project(path, rubric=None)``, ``check_target(target, rubric=None, *, api_url, token)``,
``load_rubric(path=None)`` and the :class:`ProjectReport` they return.
"""

from generator.check.model import CheckResult, Finding, ProjectReport, SectionHit
from generator.check.project import check_project
from generator.check.rubric import Rubric, load_rubric
from generator.check.targets import check_target

__all__ = [
    "CheckResult",
    "Finding",
    "ProjectReport",
    "Rubric",
    "SectionHit",
    "check_project",
    "check_target",
    "load_rubric",
]
