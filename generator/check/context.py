"""What every check function receives: the evidence, the located sections, the rubric, and
what is derived from them once (metric values, the specificity reading)."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.check.evidence import Evidence
from generator.check.language import english
from generator.check.metric_blocks import values_in
from generator.check.metrics_text import MetricValue, from_text
from generator.check.placeholders import CHAT_TEXT, Placeholder, find_placeholders, strip_joined
from generator.check.rubric import Rubric
from generator.check.specificity import Specificity, read_specificity
from generator.check.structure import Located
from generator.check.terms import read_joined


@dataclass(frozen=True)
class Failure:
    """One reason a check failed; ``fix`` overrides the check's generic fix when more precise."""

    message: str
    file: str | None = None
    line: int | None = None
    fix: str | None = None


@dataclass
class Context:
    """Evidence plus what is derived from it once."""

    evidence: Evidence
    located: dict[str, Located]
    rubric: Rubric
    _cache: dict[str, object] = field(default_factory=dict)

    def readme_values(self) -> list[MetricValue]:
        """Every metric value written anywhere in the README."""
        if "readme" not in self._cache:
            readme = self.evidence.readme
            self._cache["readme"] = values_in(readme.blocks) if readme else []
        return self._cache["readme"]  # type: ignore[return-value]

    def notebook_values(self) -> list[MetricValue]:
        """Metric values in notebooks: their markdown and their executed outputs."""
        if "notebooks" not in self._cache:
            values: list[MetricValue] = []
            for notebook in self.evidence.notebooks:
                if notebook.doc is not None:
                    values += values_in(notebook.doc.blocks)
                if notebook.output_text:
                    values += from_text(notebook.output_text, 1)
            self._cache["notebooks"] = values
        return self._cache["notebooks"]  # type: ignore[return-value]

    def placeholders(self, name: str, source: str) -> list[Placeholder]:
        """The placeholders of one Markdown source of the project (read once: the placeholder check lists
        them, the writing checks ask whether a chat assistant wrote the README)."""
        key = "placeholders:" + name
        if key not in self._cache:
            self._cache[key] = find_placeholders(source)
        return self._cache[key]  # type: ignore[return-value]

    def english(self) -> bool:
        """Whether the README's prose is English (the signals that look for words read English only)."""
        if "english" not in self._cache:
            readme = self.evidence.readme
            prose = " ".join(block.text for block in readme.blocks if block.kind == "prose") if readme else ""
            self._cache["english"] = english(prose) if prose else True
        return self._cache["english"]  # type: ignore[return-value]

    def chat_line(self) -> int | None:
        """The first README line a chat assistant wrote to its user ("Below is a README you can copy…"),
        if any: the README around it is the assistant's text, not the author's."""
        readme = self.evidence.readme
        if readme is None:
            return None
        hits = self.placeholders(readme.name, readme.source)
        return next((hit.line for hit in hits if hit.kind == CHAT_TEXT), None)

    def specificity(self) -> Specificity:
        """Which written sections say something specific, and which text repeats across sections."""
        if "specificity" not in self._cache:
            self._cache["specificity"] = read_specificity(self.located)
        return self._cache["specificity"]  # type: ignore[return-value]

    def section_text(self, *section_ids: str) -> str:
        """What the given sections say, on one line (phrases wrap across lines): their tables and every
        sentence that is neither stock filler nor repeated from another section (made once per set of
        sections: several checks read the same sections)."""
        key = "sections:" + " ".join(section_ids)
        if key not in self._cache:
            self._cache[key] = self._section_text(section_ids)
        return self._cache[key]  # type: ignore[return-value]

    def _section_text(self, section_ids: tuple[str, ...]) -> str:
        reading = self.specificity()
        parts = []
        for key in section_ids:
            if key == "intro" and self.evidence.readme is not None:  # the summary under the title
                parts.append(self.evidence.readme.intro().prose())
            found = self.located.get(key)
            if found is None:
                continue
            parts.append(reading.kept[key] if key in reading.kept else found.section.prose())
            parts += [block.text for block in found.section.blocks if block.kind == "table"]
        stripped = strip_joined(parts)
        text = " ".join(stripped.split())
        if stripped == "\n".join(parts):
            read_joined(text, parts)  # its parts are read once, however many checks' texts hold them
        return text

    def headings_text(self) -> str:
        """Every heading of the README on one line (write-ups state a split or a limitation as a heading)."""
        if "headings" not in self._cache:
            readme = self.evidence.readme
            self._cache["headings"] = " ".join(h.text for h in readme.headings) if readme else ""
        return self._cache["headings"]  # type: ignore[return-value]

    def readme_text(self) -> str:
        """All prose and table text of the README."""
        readme = self.evidence.readme
        if readme is None:
            return ""
        if "text" not in self._cache:
            texts = [b.text for b in readme.blocks if b.kind in ("prose", "table")]
            text = self._cache["text"] = " ".join(" ".join(part.split()) for part in texts)
            read_joined(text, texts, keep=False)  # blocks read before are not read again
        return self._cache["text"]  # type: ignore[return-value]


class Partial(list[Failure]):
    """Failures of a check that still earns ``credit`` (0-1) of its weight."""

    def __init__(self, failures: list[Failure], credit: float) -> None:
        super().__init__(failures)
        self.credit = credit
