"""MkDocs hook: links from a page to a repository file outside docs/ (``../src/...``, ``../examples/...``).

On GitHub they open the file; the site has no such page. The hook checks that each target exists in
the repository (a missing one fails the build, as a broken page link does) and shows it as the
repository path in code, so that `mkdocs build --strict` keeps every other warning an error.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

LINK = re.compile(r"\[([^\]]+)\]\((\.\./[^)#\s]+)(#[^)]*)?\)")


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Replace each link that leaves docs/ by its text and the repository path."""
    docs = Path(config["docs_dir"])
    page_dir = (docs / page.file.src_path).parent
    repo = docs.parent.resolve()

    def replace(match: re.Match[str]) -> str:
        text, target = match.group(1), match.group(2)
        path = (page_dir / target).resolve()
        if docs.resolve() in path.parents:
            return match.group(0)  # a page of the site: MkDocs checks it
        if repo not in path.parents or not path.exists():
            raise PluginError(f"{page.file.src_path}: link to a missing file {target}")
        shown = path.relative_to(repo).as_posix()
        return text if text.strip("`") == shown else f"{text} (`{shown}`)"

    return LINK.sub(replace, markdown)
