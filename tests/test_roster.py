"""Roster parsing and repository naming: the spreadsheet quirks bootcamps really send."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cohort.roster import check_prefix, read_roster, unique_repo_name
from generator.errors import RosterError
from generator.naming import repo_name

GITHUB_REPO = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "roster.csv"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_bom_header_case_spaces_and_blank_lines_are_tolerated(tmp_path: Path) -> None:
    roster = write(
        tmp_path,
        "\ufeff Name , GitHub ,EMAIL,Project_Name\n\n  Ana   María ,@ana-m, ana@example.com ,Churn model\n,,,\nBo,,,\n",
    )
    students = read_roster(roster, "term-2026-")
    assert [(s.name, s.github, s.email, s.project_name, s.repo, s.line) for s in students] == [
        ("Ana María", "ana-m", "ana@example.com", "Churn model", "term-2026-ana-maria", 3),
        ("Bo", "", "", "", "term-2026-bo", 5),
    ]


def test_duplicates_accents_emoji_and_non_latin_names_get_distinct_predictable_names(tmp_path: Path) -> None:
    roster = write(tmp_path, "name\nAna María\nana maria\nANA MARIA\n李雷\n韩梅梅\n🎉\nJosé 🎉 Núñez\n🎉🎉\n")
    repos = [s.repo for s in read_roster(roster)]
    assert repos == [
        "ana-maria",
        "ana-maria-2",
        "ana-maria-3",
        "li-lei",
        "han-mei-mei",
        "student",
        "jose-nunez",
        "student-2",
    ]
    assert repos == [s.repo for s in read_roster(roster)]  # same roster, same names


@pytest.mark.parametrize(
    ("name", "repo"),
    [
        ("Søren", "soren"),
        ("Łukasz", "lukasz"),
        ("李雷", "li-lei"),
        ("Дмитрий", "dmitrii"),
        ("Ørjan Ødegård", "orjan-odegard"),
        ("Þór Straße", "thor-strasse"),
        ("Æsa", "aesa"),
        ("Ελένη", "elene"),
    ],
)
def test_names_in_any_script_are_transliterated_not_dropped(name: str, repo: str) -> None:
    assert repo_name(name) == repo


def test_missing_name_column_is_reported_with_file_and_line(tmp_path: Path) -> None:
    roster = write(tmp_path, "\n\nstudent,github\nAna,ana\n")
    expected = r"roster\.csv:3: no 'name' column in the header \(found: student, github\)"
    with pytest.raises(RosterError, match=expected):
        read_roster(roster)


def test_every_empty_name_is_reported_at_once(tmp_path: Path) -> None:
    roster = write(tmp_path, "name,github\nAna,ana\n ,bob\nCy,cy\n,dee\n")
    with pytest.raises(RosterError) as caught:
        read_roster(roster)
    message = str(caught.value)
    assert "roster.csv:3: empty name" in message
    assert "roster.csv:5: empty name" in message
    assert caught.value.exit_code == 2


def test_invalid_github_user_is_reported(tmp_path: Path) -> None:
    roster = write(tmp_path, "name,github\nAna,ana--x\n")
    with pytest.raises(RosterError, match=r"roster\.csv:2: github: 'ana--x' is not a valid GitHub user name"):
        read_roster(roster)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", r"roster\.csv:1: the roster is empty"),
        ("name\n\n", r"header but no students"),
        (b"name\n\xff\xfe\n", r"cannot read the roster as UTF-8"),
    ],
)
def test_unusable_rosters_say_why(tmp_path: Path, content: str | bytes, message: str) -> None:
    with pytest.raises(RosterError, match=message):
        read_roster(write(tmp_path, content))


def test_missing_roster_file(tmp_path: Path) -> None:
    with pytest.raises(RosterError, match="roster file not found"):
        read_roster(tmp_path / "nope.csv")


@pytest.mark.parametrize("prefix", ["-term", "term--", "Term-", "term_2026", "a" * 51])
def test_prefixes_that_would_not_survive_as_repository_names_are_refused(prefix: str) -> None:
    with pytest.raises(RosterError, match="--prefix"):
        check_prefix(prefix)


def test_long_names_stay_within_github_limit_with_suffixes() -> None:
    first = unique_repo_name("term-2026-", "y" * 300, set())
    second = unique_repo_name("term-2026-", "y" * 300, {first})
    assert len(first) == 100 and len(second) == 100
    assert second.endswith("-2") and first != second


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.text(min_size=1, max_size=60).filter(lambda s: s.strip()), min_size=1, max_size=30),
    st.sampled_from(["", "term-2026-", "ml"]),
)
def test_any_names_give_unique_valid_stable_repository_names(names: list[str], prefix: str) -> None:
    used: set[str] = set()
    for name in names:
        repo = unique_repo_name(prefix, name, used)
        assert repo.lower() not in {u.lower() for u in used}
        assert GITHUB_REPO.match(repo), repo
        assert repo_name(repo) == repo  # survives the template's own slugging unchanged
        used.add(repo)
