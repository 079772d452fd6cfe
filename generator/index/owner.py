"""Who the portfolio belongs to: the page's header, from the GitHub profile and/or ``portfolio.toml``.

An employer opening the page first wants to know whose work it is. The GitHub profile
(``--github-user``) gives name, bio, location, avatar and links; a small ``portfolio.toml``
the learner edits overrides any of them (and works without GitHub)::

    [owner]
    name = "Ada Lovelace"
    bio = "Data scientist: tabular models and forecasting."
    location = "London"
    avatar = "me.jpg"                  # relative to portfolio.toml
    [owner.links]
    LinkedIn = "https://www.linkedin.com/in/ada"
    "Email" = "mailto:ada@example.com"

The avatar is downloaded without the token (it is a public picture on another host) and
embedded, downscaled, like the thumbnails. Nothing here stops the index: a profile that cannot
be read becomes a warning.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.errors import PortfolioError, UsageError
from generator.index.model import Owner
from generator.index.thumbnails import thumbnail

CONFIG_FILE = "portfolio.toml"
AVATAR_SIZE = 96
AVATAR_MAX_BYTES = 2_000_000
AVATAR_TIMEOUT = 10
_LINK_SCHEMES = ("https://", "http://", "mailto:")


def read_config(path: Path) -> dict[str, Any]:
    """The ``[owner]`` table of ``portfolio.toml`` (empty when the file is missing)."""
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise UsageError(f"{path}: cannot be read as TOML ({error})") from None
    owner = data.get("owner", {})
    if not isinstance(owner, dict):
        raise UsageError(f"{path}: owner: expected a table ([owner])")
    for key in ("name", "bio", "location", "avatar"):
        if key in owner and not isinstance(owner[key], str):
            raise UsageError(f"{path}: owner.{key}: expected a string")
    links = owner.get("links", {})
    if not isinstance(links, dict) or not all(isinstance(v, str) for v in links.values()):
        raise UsageError(f'{path}: owner.links: expected a table of label = "URL"')
    bad = [url for url in links.values() if not url.startswith(_LINK_SCHEMES)]
    if bad:
        raise UsageError(f"{path}: owner.links: {bad[0]!r} must start with https://, http:// or mailto:")
    return owner


def load_owner(
    name: str | None,
    github_user: str | None,
    config: Path,
    *,
    api_url: str | None = None,
    token: str | None = None,
    warn: Callable[[str], None] = lambda message: None,
) -> Owner | None:
    """The header: ``portfolio.toml`` over the GitHub profile; ``name`` (``--owner``) over both."""
    settings = read_config(config)
    profile: dict[str, Any] = {}
    if github_user:
        try:
            profile = github_profile(github_user, api_url, token)
        except PortfolioError as error:
            warn(f"owner header without the GitHub profile: {error}")
    links = dict(profile.get("links", {}))
    links.update(settings.get("links", {}))
    avatar = None
    if settings.get("avatar"):
        avatar = _avatar_file(config.parent / settings["avatar"], warn)
    elif profile.get("avatar_url"):
        avatar = _avatar_url(profile["avatar_url"], warn)
    display = name or settings.get("name") or profile.get("name") or github_user
    if not display:
        return None
    return Owner(
        name=display,
        bio=settings.get("bio") or profile.get("bio"),
        location=settings.get("location") or profile.get("location"),
        avatar=avatar,
        links=tuple(links.items()),
    )


def github_profile(user: str, api_url: str | None, token: str | None) -> dict[str, Any]:
    """Name, bio, location, avatar URL and links of a GitHub user, through the REST API."""
    from github import Auth, Github

    from generator.github import api as github_api

    base_url = github_api.api_url(api_url)
    client = Github(
        base_url=base_url, auth=Auth.Token(token) if token else None, timeout=github_api.HTTP_TIMEOUT, retry=0
    )
    try:
        with github_api.api_errors(f"reading {user}'s GitHub profile", token or "", base_url):
            account = client.get_user(user)
            links = {"GitHub": account.html_url}
            if account.blog:
                blog = account.blog if "://" in account.blog else f"https://{account.blog}"
                links["Website"] = blog
            return {
                "name": account.name or account.login,
                "bio": account.bio,
                "location": account.location,
                "avatar_url": account.avatar_url,
                "links": links,
            }
    finally:
        client.close()


def _avatar_url(url: str, warn: Callable[[str], None]) -> str | None:
    """Download the avatar (no token: it is public and on another host) and embed it small."""
    import urllib.request

    if not url.startswith(("https://", "http://")):
        return None
    try:
        request = urllib.request.Request(url, headers={"User-Agent": "portfolio-index"})
        with urllib.request.urlopen(request, timeout=AVATAR_TIMEOUT) as response:  # the scheme is checked above
            data = response.read(AVATAR_MAX_BYTES + 1)
    except (OSError, ValueError) as error:
        warn(f"the avatar could not be downloaded ({type(error).__name__}); the header has none")
        return None
    return _embed(data, warn)


def _avatar_file(path: Path, warn: Callable[[str], None]) -> str | None:
    try:
        data = path.read_bytes()
    except OSError as error:
        warn(f"avatar {path}: cannot be read ({error.strerror})")
        return None
    return _embed(data, warn)


def _embed(data: bytes, warn: Callable[[str], None]) -> str | None:
    small = thumbnail(data, AVATAR_SIZE, AVATAR_SIZE) if len(data) <= AVATAR_MAX_BYTES else None
    if small is None:
        warn("the avatar is not a PNG, JPEG, GIF or WebP image of at most 2 MB; the header has none")
        return None
    return small.uri
