"""``python -m builder serve``: a live preview for authors on 127.0.0.1."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from builder import build, pipeline
from builder.mkdocs_hooks import PREVIEW_FOLDER, ROOT_VARIABLE
from builder.reference import GUIDE


def serve(root: Path, address: str) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    archive, analysis = pipeline.check(root)
    folder = root / PREVIEW_FOLDER
    docs, html = folder / "docs", folder / "html"
    docs.mkdir(parents=True, exist_ok=True)  # the hook writes the pages before each build
    config_file = build.mkdocs_config_file(archive.site, root, docs, html, folder, analysis.edition)
    build.add_hook(config_file, Path(__file__).with_name("mkdocs_hooks.py"))
    os.environ[ROOT_VARIABLE] = str(root)
    watched = [root / name for name in ("content", "glossary", "site_config")] + [GUIDE]
    watch = [path for path in watched if path.is_dir()]
    build.serve(config_file, address, watch)
    return 0
