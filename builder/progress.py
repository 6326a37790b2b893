"""How long each stage of a run took, and what a person watching it sees meanwhile.

``Stopwatch`` times the stages of one build or import and tells a ``Progress`` as each
starts, advances and ends. ``for_stream`` picks how that is shown: a live display (rich)
on a terminal, one plain line per stage elsewhere (CI logs), so logs stay readable and
diffable. ``Timings`` is the record a run returns, for the command's summary and the
benchmark's table.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TextIO

if TYPE_CHECKING:
    from rich.progress import TaskID


@dataclass(frozen=True)
class StageTime:
    stage: str
    seconds: float
    detail: str = ""
    part: bool = False  # measured inside another stage (charts within pages)


@dataclass(frozen=True)
class Timings:
    """The stages of one run, in the order they ran."""

    stages: tuple[StageTime, ...] = ()

    def seconds(self, stage: str) -> float:
        return sum(one.seconds for one in self.stages if one.stage == stage)

    def detail(self, stage: str) -> str:
        """What the stage said of its work at its end ("" for a stage that did not run)."""
        return next((one.detail for one in self.stages if one.stage == stage), "")

    @property
    def total(self) -> float:
        return sum(one.seconds for one in self.stages if not one.part)


class Progress(Protocol):
    def started(self, stage: str) -> None: ...

    def advanced(self, stage: str, done: int) -> None: ...

    def finished(self, stage: str, seconds: float, detail: str) -> None: ...

    def close(self) -> None: ...


class Silent:
    """Shows nothing (tests, the benchmark, library use)."""

    def started(self, stage: str) -> None:
        pass

    def advanced(self, stage: str, done: int) -> None:
        pass

    def finished(self, stage: str, seconds: float, detail: str) -> None:
        pass

    def close(self) -> None:
        pass


@dataclass
class Lines:
    """One plain line per stage as it ends: for logs."""

    stream: TextIO

    def started(self, stage: str) -> None:
        pass

    def advanced(self, stage: str, done: int) -> None:
        pass

    def finished(self, stage: str, seconds: float, detail: str) -> None:
        extra = f": {detail}" if detail else ""
        print(f"{stage} done in {seconds:.1f} s{extra}", file=self.stream, flush=True)

    def close(self) -> None:
        pass


@dataclass
class Live:
    """A live display on a terminal: one row per stage, with a count where there is one."""

    stream: TextIO
    _tasks: dict[str, TaskID] = field(default_factory=dict)

    def __post_init__(self) -> None:
        from rich.console import Console
        from rich.progress import Progress as RichProgress
        from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn

        self._display = RichProgress(
            SpinnerColumn(finished_text="✓"),
            TextColumn("{task.description}"),
            TextColumn("{task.fields[detail]}"),
            TimeElapsedColumn(),
            console=Console(file=self.stream),
            transient=False,
        )
        self._display.start()

    def started(self, stage: str) -> None:
        self._tasks[stage] = self._display.add_task(stage, total=None, detail="")

    def advanced(self, stage: str, done: int) -> None:
        if stage in self._tasks:
            self._display.update(self._tasks[stage], completed=done, detail=f"{done:,}")

    def finished(self, stage: str, seconds: float, detail: str) -> None:
        if stage in self._tasks:
            self._display.update(self._tasks[stage], total=1, completed=1, detail=detail)
            self._display.stop_task(self._tasks[stage])

    def close(self) -> None:
        self._display.stop()


def for_stream(stream: TextIO) -> Progress:
    """A live display on a terminal, plain lines elsewhere."""
    return Live(stream) if stream.isatty() else Lines(stream)


class Stopwatch:
    """Times the stages of one run, telling ``progress`` as they go."""

    def __init__(self, progress: Progress | None = None) -> None:
        self._progress: Progress = progress or Silent()
        self._stages: list[StageTime] = []

    @contextlib.contextmanager
    def stage(self, name: str) -> Iterator[StageNote]:
        note = StageNote(name, self._progress)
        self._progress.started(name)
        start = time.perf_counter()
        yield note
        seconds = time.perf_counter() - start
        self._stages.append(StageTime(name, seconds, note.detail))
        self._progress.finished(name, seconds, note.detail)

    def record(self, name: str, seconds: float, detail: str = "") -> None:
        """A part of a stage measured inside it (charts within the pages, search within the
        site generator): recorded, not shown."""
        self._stages.append(StageTime(name, seconds, detail, part=True))

    def timings(self) -> Timings:
        return Timings(tuple(self._stages))


@dataclass
class StageNote:
    """What a running stage tells its watcher: a count as it goes, a detail at its end."""

    stage: str
    progress: Progress
    detail: str = ""

    def advance(self, done: int) -> None:
        self.progress.advanced(self.stage, done)
