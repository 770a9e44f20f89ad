"""The slices' import graph has no cycles, counting imports inside functions too.

A slice is a package of `workshop/` (accounts, programmes, sessions, voting, live, documents,
reports, demo, api) or a top-level module (util, refusals, signals, eventlog, …). Imports under
`if TYPE_CHECKING:` and the app factory (`workshop/__init__.py`) are left out: the factory's job is
to know every slice.
"""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "workshop"


def _slice_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "workshop" or len(parts) < 2:
        return None
    return parts[1]


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _type_checking_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                for sub in ast.walk(child):
                    if hasattr(sub, "lineno"):
                        lines.add(sub.lineno)
    return lines


def _imports(path: Path) -> set[str]:
    """Absolute names of the workshop modules `path` imports, anywhere in the file."""
    tree = ast.parse(path.read_text(), str(path))
    skip = _type_checking_lines(tree)
    here = _module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skip:
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("workshop"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("workshop"):
                continue
            if node.module is None or target == "workshop":
                found.update(f"{target}.{a.name}" for a in node.names)
            else:
                found.add(target)
    return found


def slice_graph() -> dict[str, set[str]]:
    """slice -> the other slices it imports."""
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        if path == PACKAGE / "__init__.py" or "translations" in path.parts:
            continue
        source = _slice_of(_module_name(path))
        if source is None:
            continue
        targets = {_slice_of(m) for m in _imports(path)} - {None, source}
        graph.setdefault(source, set()).update(targets)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    cycles, state, stack = [], {}, []

    def visit(node: str) -> None:
        state[node] = "active"
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "active":
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return cycles


def test_no_import_cycle_between_slices():
    cycles = _cycles(slice_graph())
    assert cycles == [], "import cycles between slices: " + "; ".join(" → ".join(c) for c in cycles)


def test_cycle_finder_finds_a_cycle():
    """The checker itself can fail: a made-up graph with a cycle is caught."""
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_edges_never_call_the_broadcaster():
    """Services announce through signals; only the live layer talks to the sockets."""
    offenders = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
                 if "live" not in p.relative_to(PACKAGE).parts[:1] and "broadcast" in p.read_text()]
    assert offenders == []
