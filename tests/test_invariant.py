"""Whatever ``check`` accepts, ``build`` builds.

``pipeline.check`` is the author's promise: content it accepts publishes. A site that
MkDocs (strict) then refuses, for a dangling link or anchor the builder wrote itself, or
a page that cannot be rendered, is a defect of the builder or a gap in validation.

The number of generated archives comes from a Hypothesis profile chosen by the
environment variable HYPOTHESIS_PROFILE: "fast" (5 archives, and a failure is reported
as found, without shrinking it) or "full" (25, the default). Each build takes a second or
two, so shrinking a failure can take Hypothesis's limit of five minutes; the failing
archive is then kept in .hypothesis/ and replayed first on the next run.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, event, given, note, settings

from builder import pipeline
from builder.errors import ContentErrors

from .archives import archives, write_archive


@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(archive=archives())
def test_whatever_check_accepts_build_builds(archive):
    with tempfile.TemporaryDirectory() as folder:
        root = write_archive(archive, Path(folder) / "root")
        try:
            pipeline.check(root)
        except ContentErrors as errors:
            event("check rejected the archive")
            note(errors.report())
            assume(False)
        event("check accepted the archive")
        pipeline.build(root, Path(folder) / "site")


def _meeting(day: dt.date, items: list[dict]) -> dict:
    return {
        "committee": "Example Scrutiny Panel",
        "date": day,
        "status": "held",
        "sources": [f"Minutes of the meeting, {day.isoformat()}"],
        "items": items,
    }


UNNUMBERED_APPROVAL = {
    "site": {
        "site_name": "Example Panel archive",
        "council": "Example Borough Council",
        "committee": "Example Scrutiny Panel",
        "description": "An unnumbered item approving earlier minutes.",
    },
    "people": [
        {
            "id": "cllr-ahmed",
            "name": "Councillor Ahmed",
            "kind": "councillor",
            "family_name": "Ahmed",
        }
    ],
    "meetings": [
        _meeting(dt.date(2024, 1, 10), [{"number": 5, "title": "School exclusions"}]),
        _meeting(
            dt.date(2024, 2, 14),
            [
                {
                    "title": "Minutes of the previous meeting",
                    "approves": [{"meeting": dt.date(2024, 1, 10)}],
                },
                {"title": "Any other business"},
                {"number": 9, "title": "Children and Learning - Performance"},
            ],
        ),
    ],
}


def test_an_unnumbered_item_may_approve_minutes(tmp_path):
    """Minutes approved under an unnumbered item ("Minutes of the previous meeting").

    Either ``check`` refuses it, naming the approving meeting's file and the item's field,
    or the site builds. At commit 03ff8be neither happens: ``check`` accepts it and
    ``build`` fails, because the page of 10 January 2024 links to
    ``2024-02-14.md#item-None`` (MkDocs strict: "... does not contain an anchor
    '#item-None'").
    """
    root = write_archive(UNNUMBERED_APPROVAL, tmp_path / "root")
    try:
        pipeline.check(root)
    except ContentErrors as errors:
        assert any(
            error.path == Path("content/meetings/2024-02-14.yml")
            and (error.field or "").startswith("items[1]")
            for error in errors.errors
        ), errors.report()
        return
    pipeline.build(root, tmp_path / "site")
