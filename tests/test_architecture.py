"""The shape of the code: no import cycles, small modules, short functions (or a reason).

The one-way order of the stages is the import-linter contract in pyproject.toml, run by
`make lint`; this file checks what that contract cannot: cycles inside a stage, and size.
"""

from __future__ import annotations

import ast
from pathlib import Path

import grimp

PACKAGE = Path(__file__).resolve().parent.parent / "sitegen"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
REASON = "# long:"


def strongly_connected(graph: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's components: a component of more than one module is an import cycle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            found.append(component)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_a_cycle() -> None:
    cycles = [c for c in strongly_connected({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) if len(c) > 1]
    assert cycles == [{"a", "b", "c"}]


def test_no_module_imports_itself_back_through_others() -> None:
    graph = grimp.build_graph("sitegen")
    modules = {m for m in graph.modules if m.startswith("sitegen")}
    imports = {m: {t for t in graph.find_modules_directly_imported_by(m) if t in modules} for m in modules}
    # A package's __init__ is imported by every module inside it: that is nesting, not a cycle.
    for module, targets in imports.items():
        targets -= {parent for parent in modules if module.startswith(parent + ".")}
    cycles = [sorted(c) for c in strongly_connected(imports) if len(c) > 1]
    assert len(modules) > 60
    assert cycles == []


def test_modules_stay_small() -> None:
    sizes = {path: len(path.read_text(encoding="utf-8").splitlines()) for path in PACKAGE.rglob("*.py")}
    too_big = {str(path.relative_to(PACKAGE)): n for path, n in sizes.items() if n > MAX_MODULE_LINES}
    assert len(sizes) > 60
    assert too_big == {}


def test_long_functions_say_why() -> None:
    unexplained = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for node in ast.walk(ast.parse(text)):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            length = node.end_lineno - node.lineno + 1 if node.end_lineno else 0
            explained = first >= 2 and lines[first - 2].strip().startswith(REASON)
            if length > MAX_FUNCTION_LINES and not explained:
                unexplained.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name} ({length} lines)")
    assert unexplained == []
