"""The build's order of work as ARCHITECTURE.md draws it, read from the loaded plugins."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from study_wiki.plugin import STAGES

# The stages' hooks behind the study-wiki plugin's handlers where their names differ,
# in the order the handler calls them (on_post_build: the search index pass first).
HANDLERS = {
    "_before_files": ("before_files",),
    "on_post_build": ("on_search_index", "on_post_build"),
}
# MkDocs' events in the order a build meets them.
EVENTS = (
    "startup config pre_build files nav env page_markdown page_content page_context "
    "post_page post_template post_build build_error serve shutdown".split()
)


def hook_order(config: MkDocsConfig) -> str:
    """One line per handler, each event's in the order MkDocs calls them."""
    names = {id(plugin): name for name, plugin in config.plugins.items()}
    lines = []
    for event in EVENTS:
        for at, method in enumerate(config.plugins.events.get(event, [])):
            owner = names[id(method.__self__)]
            priority = getattr(method, "mkdocs_priority", 0)
            handler = f"{owner} ({priority})" if priority else owner
            if owner == "study-wiki" and method.__name__ != "on_startup":
                hooks = HANDLERS.get(method.__name__, (method.__name__,))
                stages = [name for hook in hooks for name, stage in STAGES if hasattr(stage, hook)]
                handler += ": " + " → ".join(stages)
            lines.append(f"{event if at == 0 else '':<14}{handler}")
    return "\n".join(lines)
