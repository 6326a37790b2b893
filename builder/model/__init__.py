"""The model every stage shares: content records (``content``) and analysis results
(``analysis``). Both are plain frozen dataclasses; importing from ``builder.model``
gives either."""

from builder.model.analysis import *  # noqa: F403
from builder.model.content import *  # noqa: F403
