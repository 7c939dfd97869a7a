"""The code's shape that ARCHITECTURE.md promises (issues 25, 35): no import cycle between hmic's
modules, counting imports inside functions and those made only for type checking (`if TYPE_CHECKING:`:
they never run, but a reader follows them as any other); no command module imports another; no
module over 400 lines, no function over 60."""

from __future__ import annotations

import ast
import functools
import re
from dataclasses import dataclass
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
MAX_LINES = 400


def modules() -> dict[str, Path]:
    found = {}
    for path in (SRC / "hmic_cli").rglob("*.py"):
        parts = path.relative_to(SRC).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The hmic modules `name` imports, wherever in the file (a package imported is its `__init__`)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = set()
    for node in _walked(path).imports:
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name in known}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(up + ([node.module] if node.module else []))
            for alias in node.names:
                target = f"{base}.{alias.name}"
                out.add(target if target in known else base)
    return {m for m in out if m in known and m != name}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_cycle_between_modules():
    known = modules()
    graph = {name: imports(name, path, known) for name, path in known.items()}
    assert sum(map(len, graph.values())) > 100  # the graph was read (hmic's modules import each other)
    assert "hmic_cli.render.digest" in graph["hmic_cli.commands.between"]  # an import inside a function counts
    assert "hmic_cli.models" in graph["hmic_cli.structure"]  # one under `if TYPE_CHECKING:` counts too
    assert cycles(graph) == []


def test_cycles_are_found_when_there_is_one():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_module_over_400_lines():
    long = {name: n for name, path in modules().items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_no_command_module_imports_another():
    """A command reads, computes and emits: what two commands share lives in a library module."""
    known = modules()
    commands = {name for name in known if name.startswith("hmic_cli.commands.")}
    assert {"hmic_cli.commands.read", "hmic_cli.commands.write", "hmic_cli.commands.between"} <= commands
    crossing = {name: sorted(imports(name, known[name], known) & (commands | {"hmic_cli.commands"}))
                for name in commands}
    assert {name: found for name, found in crossing.items() if found} == {}


def _architecture_rows() -> dict[str, list[str]]:
    text = (SRC.parent / "ARCHITECTURE.md").read_text(encoding="utf-8")
    section = text.split("## Each command's modules", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 2 and cells[0].startswith("`"):
            rows[cells[0].strip("`")] = re.findall(r"`([\w/]+\.py)`", cells[1])
    return rows


def _app_commands() -> set[str]:
    import typer

    from hmic_cli.cli import app

    names = set()

    def walk(command, prefix: str) -> None:
        for name, sub in getattr(command, "commands", {}).items():
            if sub.callback is not None:
                names.add(prefix + name)
            walk(sub, f"{prefix}{name} ")

    walk(typer.main.get_command(app), "")
    return names


def test_architecture_names_every_commands_modules():
    """ARCHITECTURE.md's command -> modules table: a row for every command of the Typer app (and no
    other), each naming its CLI module and its function's module in commands/, every module real."""
    rows = _architecture_rows()
    assert set(rows) == _app_commands()
    package = SRC / "hmic_cli"
    for command, named in rows.items():
        assert [m for m in named if not (package / m).is_file()] == [], command
        assert any(m.startswith("cli/") for m in named) and any(m.startswith("commands/") for m in named), command
    from hmic_cli import formats

    views = {"themes-by-issuer": "themes"}  # a registry entry for one option's view of a command (`--by-issuer`)
    for command, fmts in formats.REGISTRY.items():  # and every renderer the format registry names for it
        wanted = {f"render/{target.split(':')[0]}.py" for f in fmts for target in (f.target, f.on_terminal) if target}
        row = rows[views.get(command, command)]
        assert wanted <= set(row), (command, wanted - set(row))


MAX_FUNCTION_LINES = 60
# Functions over 60 lines today, each being split by another branch (issue 35): this list only shrinks.
# A nested function counts on its own and is named after the function holding it.
LONG_FUNCTIONS_BEING_SPLIT: set[str] = set()  # every function once over 60 lines is split


def long_functions(limit: int = MAX_FUNCTION_LINES) -> dict[str, int]:
    """Every function and method of src/ longer than `limit` lines (decorators left out), by qualified name."""
    found = {}
    for module, path in modules().items():
        for name, lines in _walked(path).functions:
            if lines > limit:
                found[f"{module}.{name}"] = lines
    return found


@functools.cache
def _parsed(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Walked:
    imports: list[ast.Import | ast.ImportFrom]  # every import statement, wherever it is
    inside: frozenset[int]  # the ids of those inside a function (or a method, or a class in a function)
    functions: list[tuple[str, int]]  # each function and method: its name within the module, and its lines


@functools.cache
def _walked(path: Path) -> Walked:
    """One walk of a module's tree for the tests here (which walked it five times: 2.5 s of CPU in all)."""
    imports, inside, functions = [], set(), []

    def visit(node: ast.AST, prefix: str, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                imports.append(child)
                if in_function:
                    inside.add(id(child))
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                name = f"{prefix}.{child.name}" if prefix else child.name
                if not isinstance(child, ast.ClassDef):  # decorators left out of its lines
                    functions.append((name, child.end_lineno - child.lineno + 1))
                visit(child, name, in_function or not isinstance(child, ast.ClassDef))
            else:
                visit(child, prefix, in_function)

    visit(_parsed(path), "", False)
    return Walked(imports, frozenset(inside), functions)


def test_no_function_over_60_lines():
    long = long_functions()
    assert set(long) - LONG_FUNCTIONS_BEING_SPLIT == set(), {k: long[k] for k in set(long) - LONG_FUNCTIONS_BEING_SPLIT}
    assert LONG_FUNCTIONS_BEING_SPLIT - set(long) == set(), "split: take it off LONG_FUNCTIONS_BEING_SPLIT"
    assert "hmic_cli.cli.main" in long_functions(limit=1)  # the walk sees module functions
    assert "hmic_cli.errors.Problem.place" in long_functions(limit=1)  # and methods


LAZY = re.compile(r"# lazy: .*\b\d+(\.\d+)? ms\b")


def lazy_imports_without_a_figure(path: Path, root: Path = SRC) -> list[str]:
    """`path`'s imports of hmic modules inside a function whose line (or the line above) has no
    `# lazy: ... N ms ...` comment: the measured start-up cost that keeps it out of the module's top."""
    walked = _walked(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    found = []
    for node in walked.imports:
        if id(node) not in walked.inside:
            continue
        target = node.module or "" if isinstance(node, ast.ImportFrom) else node.names[0].name
        if getattr(node, "level", 0) or target.split(".")[0] == "hmic_cli":
            said = lines[node.lineno - 1] + (lines[node.lineno - 2] if node.lineno > 1 else "")
            if not LAZY.search(said):
                found.append(f"{path.relative_to(root)}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_imports_of_hmic_modules_are_at_the_top_unless_a_measured_cost_says_otherwise():
    """Issue 35: a module's dependencies are visible at its top. An hmic import stays inside a function
    only with the start-up time it saves (`tools/imports_to_top.py` moves the rest and writes these)."""
    missing = [line for path in modules().values() for line in lazy_imports_without_a_figure(path)]
    assert missing == []


def test_a_lazy_import_without_its_figure_is_found(tmp_path):
    module = tmp_path / "hmic_cli" / "sample.py"
    module.parent.mkdir()
    module.write_text("def f():\n    from hmic_cli import plans\n\n    # lazy: hmic_cli.x adds 3.2 ms to `hmic list` "
                      "start-up\n    from hmic_cli import x\n    from . import y  # lazy: 12 ms\n    import json\n",
                      encoding="utf-8")
    assert lazy_imports_without_a_figure(module, tmp_path) == ["hmic_cli/sample.py:2: from hmic_cli import plans"]
