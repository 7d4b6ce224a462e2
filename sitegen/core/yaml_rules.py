"""What a YAML document may not do, checked on its node graph before it becomes data.

- **A key written twice** in one mapping: YAML keeps the last silently, so a writer who
  adds `title:` near the end of a long front matter would lose the first one unaware.
- **Aliases that multiply**: `*name` repeats an anchored value without copying it, so a
  few hundred bytes of aliases to aliases can stand for billions of values. Anything
  that walks the data (validation, the line lookup) would walk every one of them, so the
  values aliases add beyond the written ones are limited to `ALIAS_BUDGET`.

Both are found in one walk that visits each node once, however often aliases share it.
"""

from __future__ import annotations

import msgspec
import yaml

ALIAS_BUDGET = 1_000
"""How many values aliases may add to a document; real files reuse a few small blocks."""

_MERGE = "tag:yaml.org,2002:merge"


class YamlProblem(msgspec.Struct, frozen=True):
    line: int
    message: str
    hint: str


def yaml_problems(root: yaml.Node | None, line_offset: int = 0) -> list[YamlProblem]:
    """Keys written twice, and aliases that add more than ALIAS_BUDGET values; each at its
    1-based line, counting `line_offset` lines before the text the parser read."""
    if root is None:
        return []
    nodes = _children_first(root)
    problems = [
        p for node in nodes if isinstance(node, yaml.MappingNode) for p in _repeated_keys(node, line_offset + 1)
    ]
    sizes = _expanded_sizes(nodes)
    if sizes[id(root)] > len(nodes) + ALIAS_BUDGET:
        problems.append(
            YamlProblem(
                _where_aliases_multiply(root, sizes).start_mark.line + line_offset + 1,
                f"these aliases repeat other aliases so often that they stand for over {ALIAS_BUDGET:,} values",
                "write the values out, or repeat a '*name' only a few times",
            )
        )
    return problems


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _children_first(root: yaml.Node) -> list[yaml.Node]:
    """Every node once, each after all of its children (but one that holds it), without recursion."""
    opened: set[int] = set()
    order: list[yaml.Node] = []
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        if finished:
            order.append(node)
        elif id(node) not in opened:
            opened.add(id(node))
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(_children(node)))
    return order


def _repeated_keys(mapping: yaml.MappingNode, first_line: int) -> list[YamlProblem]:
    seen: dict[str, int] = {}
    problems = []
    for key, _ in mapping.value:
        if not isinstance(key, yaml.ScalarNode) or key.tag == _MERGE:
            continue
        line = key.start_mark.line + first_line
        if key.value in seen:
            problems.append(
                YamlProblem(
                    line,
                    f"'{key.value}' is written twice (first on line {seen[key.value]})",
                    "keep one of them: only the last one would count",
                )
            )
        seen.setdefault(key.value, line)
    return problems


def _expanded_sizes(nodes: list[yaml.Node]) -> dict[int, int]:
    """How many values each node stands for once its aliases are written out; a value
    inside itself (`&a [*a]`) counts itself once, not forever."""
    sizes: dict[int, int] = {}
    for node in nodes:
        sizes[id(node)] = 1 + sum(sizes.get(id(child), 1) for child in _children(node))
    return sizes


def _where_aliases_multiply(root: yaml.Node, sizes: dict[int, int]) -> yaml.Node:
    """The innermost value over the budget: where one more level of aliases goes too far."""
    node = root
    while True:
        bigger = [c for c in _children(node) if sizes.get(id(c), 1) > ALIAS_BUDGET]
        if not bigger:
            return node
        node = bigger[0]
