"""The portfolio as one self-contained HTML page: inline CSS and images, no scripts, nothing to fetch.

Two audiences, one set of cards. The **public** page is what an employer reads: the problem in
one sentence, the key result against its baseline, skills, the key figure and the links they
click (repository, Open in Colab, live demo) — never the learner's warnings, documentation
scores or local paths. The **review** page (``--review``, a private file) adds exactly those:
score and grade, warnings and what to fix next, and local folders as links.

Every value taken from a project is escaped with :func:`html.escape` (text and attributes
alike) and links are kept only for http(s) (and, in the review, file and relative) addresses,
so a README cannot inject markup or script. Each project is an
``<article class="project-card" id="project-ID">`` so tools and tests can find it.
"""

from __future__ import annotations

import re
from html import escape
from urllib.parse import quote

from generator.index.html_style import CSS
from generator.index.markdown import type_label
from generator.index.model import Owner, Portfolio, ProjectCard
from generator.index.regions import placeholder, region

STYLE = "style"
_SAFE_SCHEME = re.compile(r"^(?:https?|file)://", re.IGNORECASE)
_WEB = re.compile(r"^https?://", re.IGNORECASE)
_ANY_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
_GITHUB = re.compile(r"^https://github\.com/(?P<repo>[^/]+/[^/]+)$", re.IGNORECASE)


def safe_href(url: str | None) -> str | None:
    """``url`` fit for an ``href``: http(s), file or relative; anything else (``javascript:``) is dropped."""
    if not url:
        return None
    if _SAFE_SCHEME.match(url):
        return url
    if _ANY_SCHEME.match(url):
        return None
    return quote(url, safe="/#?&=%.-_~")


def public_href(url: str | None) -> str | None:
    """Only web addresses: a local path or ``file:`` URL means nothing to an employer."""
    return url if url and _WEB.match(url) else None


def file_url(card: ProjectCard, path: str) -> str | None:
    """The web page of ``path`` in the project's repository (``…/blob/BRANCH/path``), if it is on the web."""
    base = public_href(card.url)
    if base is None:
        return None
    return f"{base.rstrip('/')}/blob/{quote(card.branch or 'HEAD')}/{quote(path)}"


def colab_url(card: ProjectCard) -> str | None:
    """Colab opens notebooks straight from public github.com repositories."""
    match = _GITHUB.match(card.url or "")
    if match is None or card.notebook is None:
        return None
    return (
        f"https://colab.research.google.com/github/{match['repo']}/blob/"
        f"{quote(card.branch or 'main')}/{quote(card.notebook)}"
    )


def frame(owner: str | None, *, review: bool = False) -> str:
    """The whole page around the regions when there is none yet (the review page is always whole)."""
    what = "portfolio review (private)" if review else "machine-learning portfolio"
    title = f"{owner} · {what}" if owner else what[:1].upper() + what[1:]
    intro = (
        "Your own view: documentation scores, warnings and what to fix next. Do not publish this file."
        if review
        else "Machine-learning projects, each with the problem it solves, its key result against a "
        "baseline and the skills it uses."
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        '<link rel="icon" href="data:,">\n'  # no favicon request: the page fetches nothing
        f"<title>{escape(title)}</title>\n<style>{placeholder(STYLE)}</style>\n</head>\n<body>\n"
        '<a class="skip" href="#projects">Skip to the projects</a>\n'
        f"<header>\n<h1>{escape(title)}</h1>\n<p>{escape(intro)}</p>\n</header>\n"
        '<main id="projects">\n{region}\n</main>\n'
        "<footer>Made with <code>portfolio index</code>.</footer>\n</body>\n</html>\n"
    )


def style() -> str:
    """The stylesheet region's content."""
    return CSS


def render_body(portfolio: Portfolio, *, review: bool = False, left_out: list[tuple[str, str]] | None = None) -> str:
    """The generated region: the owner, then one section per group, one card per project."""
    parts = [_owner(portfolio.profile)] if portfolio.profile else []
    if review and left_out:
        items = "".join(f"<li>{escape(title)}: {escape(reason)}</li>" for title, reason in left_out)
        parts.append(
            f'<section class="left-out" aria-labelledby="heading-left-out">\n'
            f'<h2 id="heading-left-out">Not on the public page</h2>\n<ul>{items}</ul>\n</section>'
        )
    if not portfolio.projects:
        parts.append('<p class="notice">No projects yet.</p>')
    for group_id, title, cards in portfolio.groups():
        articles = "\n".join(_card(card, review) for card in cards)
        key = escape(group_id)
        parts.append(
            f'<section class="group" id="group-{key}" aria-labelledby="heading-{key}">\n'
            f'<h2 id="heading-{key}">{escape(title)}</h2>\n'
            f'<div class="cards">\n{articles}\n</div>\n</section>'
        )
    return "\n".join(parts)


def whole_page(portfolio: Portfolio, *, review: bool, left_out: list[tuple[str, str]] | None = None) -> str:
    """A complete page (the review, which is never edited by hand)."""
    page = frame(portfolio.owner, review=review).replace(placeholder(STYLE), region(style(), STYLE))
    return page.replace(placeholder(), region(render_body(portfolio, review=review, left_out=left_out)))


def _owner(owner: Owner) -> str:
    name = escape(owner.name)
    lines = [f'<section class="owner" aria-label="About {name}">']
    if owner.avatar:
        lines.append(f'<img src="{escape(owner.avatar)}" alt="Photo of {name}" width="96" height="96">')
    lines.append(f'<div>\n<p class="owner-name">{name}</p>')
    if owner.bio:
        lines.append(f'<p class="bio">{escape(owner.bio)}</p>')
    if owner.location:
        lines.append(f'<p class="location">{escape(owner.location)}</p>')
    links = [(label, url) for label, url in owner.links if re.match(r"^(?:https?://|mailto:)", url)]
    if links:
        items = "".join(f'<li><a href="{escape(url)}">{escape(label)}</a></li>' for label, url in links)
        lines.append(f'<ul class="links" aria-label="Links">{items}</ul>')
    lines.append("</div>\n</section>")
    return "\n".join(lines)


def _card(card: ProjectCard, review: bool) -> str:
    href = safe_href(card.url) if review else public_href(card.url)
    title = escape(card.title)
    name = f'<a href="{escape(href)}">{title}</a>' if href else title
    lines = [
        f'<article class="project-card" id="project-{escape(card.id)}" data-group="{escape(card.group)}"'
        f' data-type="{escape(card.type or "")}" data-inferred="{str(card.inferred).lower()}">',
        f"<h3>{name}</h3>",
    ]
    lines.extend(_thumbnail(card))
    kind = type_label(card)
    if kind:
        label = card.type_title or card.type or ""
        badge = ' <span class="badge">inferred</span>' if card.inferred and review else ""
        level = f" · {escape(card.level)}" if card.level else ""
        lines.append(f'<p class="kind">{escape(label if card.inferred else kind)}{level}{badge}</p>')
    if card.problem:
        lines.append(f'<p class="problem">{escape(card.problem)}</p>')
    facts = []
    if card.headline:
        result = f"{escape(card.headline.label)} {escape(card.headline.display)}"
        if card.baseline:
            result += f' <span class="versus">vs {escape(card.baseline.display)} ({escape(card.baseline.label)})</span>'
        facts.append(("Key result", result, "metric"))
    if review and card.score is not None:
        facts.append(("Documentation", escape(f"{card.score}/100 ({card.grade})"), "score"))
    if facts:
        items = "".join(f'<dt>{term}</dt><dd class="{cls}">{value}</dd>' for term, value, cls in facts)
        lines.append(f'<dl class="facts">{items}</dl>')
    if card.skills:
        skills = "".join(f"<li>{escape(skill)}</li>" for skill in card.skills)
        lines.append(f'<ul class="skills" aria-label="Skills">{skills}</ul>')
    if review:
        lines.extend(f'<p class="warning">⚠ {escape(warning)}</p>' for warning in card.warnings)
        if card.fixes:
            fixes = "".join(f"<li>{escape(fix)}</li>" for fix in card.fixes)
            lines.append(f'<p>What to fix next:</p><ol class="fixes">{fixes}</ol>')
    lines.append(_links(card, href, title))
    lines.append("</article>")
    return "\n".join(line for line in lines if line)


def _thumbnail(card: ProjectCard) -> list[str]:
    figure = card.figure
    if figure is None or figure.thumbnail is None:
        return []
    size = f' width="{figure.width}" height="{figure.height}"' if figure.width and figure.height else ""
    image = f'<img src="{escape(figure.thumbnail)}" alt="{escape(figure.alt)}"{size}>'
    full = file_url(card, figure.path)
    if full is None:
        return [f'<div class="thumb">{image}</div>']
    return [
        f'<a class="thumb" href="{escape(full)}">{image}<span class="visually-hidden"> (full-size figure)</span></a>'
    ]


def _links(card: ProjectCard, repository: str | None, title: str) -> str:
    hidden = f'<span class="visually-hidden"> of {title}</span>'
    links = []
    if repository:
        links.append(f'<a href="{escape(repository)}">Repository{hidden}</a>')
    colab = colab_url(card)
    if colab:
        links.append(f'<a href="{escape(colab)}">Open in Colab{hidden}</a>')
    homepage = public_href(card.homepage)
    if homepage:
        links.append(f'<a href="{escape(homepage)}">Live demo{hidden}</a>')
    if not links:
        return ""
    items = "".join(f"<li>{link}</li>" for link in links)
    return f'<ul class="links" aria-label="Links">{items}</ul>'
