#!/usr/bin/env python3
"""Move hmic's own imports from inside functions to the top of each module (issue 35).

    .venv/bin/python tools/imports_to_top.py            # rewrite src/hmic_cli, then ruff's import order
    .venv/bin/python tools/imports_to_top.py --check    # only say what would move (exit 1 if anything would)
    .venv/bin/python tools/imports_to_top.py --remeasure   # measure every lazy import's cost again

For every module under src/hmic_cli, an import of an hmic module inside a function
(`import hmic_cli.x`, `from hmic_cli.x import y [as z]`, `from .x import y`, parenthesised or not)
moves to the module's top, into its import block, unless moving it would make one of the commands in
START_UP import a module at start-up that it does not import today. Which modules a command imports is
measured by running it (the modules it has imported when it ends); an import left inside its function
gets (or keeps) a comment on the line above with what it would cost, measured with
`python -X importtime` and held in tools/import_costs.json, e.g.

    # lazy: hmic_cli.plans adds 9.1 ms to `hmic --help` start-up (python -X importtime)

Third-party imports are never touched (those inside functions are lazy for start-up cost and say so).
An import under `if TYPE_CHECKING:` made redundant by a moved one goes (and the block, when empty).
A name the move would clash with at module level (another binding of it, or a function that also
assigns it) is left where it is and reported. The script is idempotent: a second run changes nothing
(the figures come from the table; only imports new to it are measured). It ends with
`ruff check --select I --fix` on the files it changed, so the block is in ruff's isort order.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
PACKAGE = "hmic_cli"
COSTS = Path(__file__).resolve().with_name("import_costs.json")

# The commands whose start-up must not grow: `hmic --help` (every command is built), `list` as the
# issue names it, and the read commands `tests/test_subprocess.py` keeps off the write path.
START_UP = {
    "hmic --help": ["--help"],
    "hmic list --due six-months": ["list", "--due", "six-months"],
    "hmic show": ["show", "NCP-6"],
    "hmic check": ["check"],
    "hmic summary": ["summary"],
    "hmic log": ["log"],
    "hmic validate": ["validate"],
    "hmic check --format sarif": ["check", "--format", "sarif"],
    "hmic diff": ["diff", "{bundled}", "{bundled}"],
    "hmic remind": ["remind"],
}
RUNS = 5  # a cost is the median of this many runs
LAZY = "# lazy:"


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HMIC_", "PYTHON"))}
    env["PYTHONPATH"] = str(SRC)
    return env


def _imported(code_or_args: list[str], cwd: str) -> list[tuple[str, int]]:
    """(module, cumulative microseconds) for each import `python -X importtime` reports, in order."""
    result = subprocess.run([sys.executable, "-X", "importtime", *code_or_args], cwd=cwd, env=_env(),
                            capture_output=True, text=True, timeout=120)
    rows = []
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line and "cumulative" not in line:
            _, cumulative, name = line.split("|")
            rows.append((name.strip(), int(cumulative.strip())))
    return rows


_RUN_AND_LIST = """\
import os, sys
def listed(code, exit=os._exit, path=sys.argv[1]):
    with open(path, "w", encoding="utf-8") as out:
        out.write("\\n".join(sorted(sys.modules)))
    exit(code)
os._exit = listed
sys.argv = ["hmic", *sys.argv[2:]]
from hmic_cli.cli import main
main()
"""


def start_up_sets() -> dict[str, set[str]]:
    """The modules each command in START_UP has imported when it ends, by running it on the bundled data.

    Read from `sys.modules` as `hmic` ends (`os._exit`), not from `-X importtime`, which does not see
    the modules `importlib.import_module` brings in (the format registry's renderers)."""
    with tempfile.TemporaryDirectory() as cwd:
        sets = {}
        listing = Path(cwd) / "modules.txt"
        bundled = str(ROOT / "data" / "recommendations.json")
        for name, args in START_UP.items():
            args = [bundled if a == "{bundled}" else a for a in args]
            listing.unlink(missing_ok=True)
            subprocess.run([sys.executable, "-c", _RUN_AND_LIST, str(listing), *args], cwd=cwd, env=_env(),
                           capture_output=True, timeout=120)
            found = set(listing.read_text(encoding="utf-8").split("\n")) if listing.exists() else set()
            if f"{PACKAGE}.cli" not in found:
                sys.exit(f"imports_to_top: `{name}` did not run hmic (is the venv's python running this?)")
            sets[name] = found
        return sets


def measure(target: str, loaded: set[str]) -> float:
    """Milliseconds importing `target` costs a process that has already imported `loaded`."""
    already = sorted(m for m in loaded if not m.endswith("__main__") and not m.startswith("encodings"))
    code = (f"import importlib\nfor m in {already!r}:\n    try:\n        importlib.import_module(m)\n"
            f"    except Exception:\n        pass\nimport {target}\n")
    print(f"imports_to_top: measuring {target}", file=sys.stderr)
    with tempfile.TemporaryDirectory() as cwd:
        times = []
        for _ in range(RUNS):
            rows = _imported(["-c", code], cwd)
            cost = next((us for module, us in reversed(rows) if module == target), 0)
            times.append(cost / 1000)
    return round(statistics.median(times), 1)


# --- reading a module ---

@dataclass
class Binding:
    node: ast.Import | ast.ImportFrom
    alias: ast.alias
    name: str  # the name it binds
    needs: set[str]  # the modules importing it loads (the target and its packages)
    text: str  # the import of this one name, as a statement


@dataclass
class Module:
    name: str
    path: Path
    text: str
    tree: ast.Module
    parents: dict[ast.AST, ast.AST] = field(default_factory=dict)

    @property
    def package(self) -> str:
        return self.name if self.path.name == "__init__.py" else self.name.rpartition(".")[0]


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted((SRC / PACKAGE).rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def read(name: str, path: Path) -> Module:
    text = path.read_text(encoding="utf-8")
    tree = ast.parse(text)
    module = Module(name, path, text, tree)
    for parent in ast.walk(tree):
        for child in ast.iter_child_nodes(parent):
            module.parents[child] = parent
    return module


def _packages(dotted: str) -> set[str]:
    parts = dotted.split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts) + 1)}


def bindings(module: Module, node: ast.Import | ast.ImportFrom, known: dict[str, Path]) -> list[Binding] | None:
    """What an import binds, one name at a time; None when it imports nothing of hmic."""
    out = []
    if isinstance(node, ast.Import):
        if not all(a.name == PACKAGE or a.name.startswith(PACKAGE + ".") for a in node.names):
            return None
        for a in node.names:
            out.append(Binding(node, a, a.asname or a.name.split(".")[0], _packages(a.name),
                               ast.unparse(ast.Import(names=[a]))))
        return out
    base = node.module or ""
    if node.level:
        up = module.package.split(".")
        up = up[: len(up) - node.level + 1]
        base = ".".join(up + ([node.module] if node.module else []))
    if not (base == PACKAGE or base.startswith(PACKAGE + ".")):
        return None
    for a in node.names:
        target = f"{base}.{a.name}"
        needs = _packages(target if target in known else base)
        out.append(Binding(node, a, a.asname or a.name, needs,
                           ast.unparse(ast.ImportFrom(module=node.module, names=[a], level=node.level))))
    return out


def _function_of(module: Module, node: ast.AST) -> ast.AST | None:
    while node in module.parents:
        node = module.parents[node]
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            return node
    return None


def _is_type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and ast.unparse(node.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING")


def module_names(module: Module) -> dict[str, str | None]:
    """Names bound at module level: an import's statement text (one name), None for anything else."""
    names: dict[str, str | None] = {}

    def bind(name: str, what: str | None) -> None:
        names[name] = what if names.get(name, what) == what else None

    def walk(body: list[ast.stmt], typing_only: bool) -> None:
        for stmt in body:
            if isinstance(stmt, (ast.Import, ast.ImportFrom)):
                for a in stmt.names:
                    one = (ast.Import(names=[a]) if isinstance(stmt, ast.Import)
                           else ast.ImportFrom(module=stmt.module, names=[a], level=stmt.level))
                    name = a.asname or a.name.split(".")[0]
                    if not typing_only:
                        bind(name, ast.unparse(one))
            elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                bind(stmt.name, None)
            elif isinstance(stmt, ast.If):
                walk(stmt.body, typing_only or _is_type_checking(stmt))
                walk(stmt.orelse, typing_only)
            elif isinstance(stmt, ast.Try):
                for part in (stmt.body, *(h.body for h in stmt.handlers), stmt.orelse, stmt.finalbody):
                    walk(part, typing_only)
            else:
                for node in ast.walk(stmt):
                    if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                        bind(node.id, None)
    walk(module.tree.body, False)
    return names


def _assigns(function: ast.AST, name: str, node: ast.AST) -> bool:
    """Whether `function` binds `name` in any way but the import `node` (a move would make it local)."""
    for sub in ast.walk(function):
        if sub is node:
            continue
        if isinstance(sub, ast.Name) and sub.id == name and isinstance(sub.ctx, (ast.Store, ast.Del)):
            return True
        if isinstance(sub, (ast.Import, ast.ImportFrom)) and any((a.asname or a.name.split(".")[0]) == name
                                                                  for a in sub.names):
            if not _same_import(sub, node):
                return True
        if isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and sub.name == name:
            return True
        if isinstance(sub, ast.arg) and sub.arg == name:
            return True
    return False


def _same_import(a: ast.AST, b: ast.AST) -> bool:
    return ast.dump(a) == ast.dump(b)


# --- deciding ---

@dataclass
class Decision:
    binding: Binding
    move: bool
    why: str = ""  # for a lazy one, its comment; for a clash, what clashes


def decide(module: Module, known: dict[str, Path], sets: dict[str, set[str]], costs: dict[str, float],
           remeasure: bool) -> list[Decision]:
    top = module_names(module)
    chosen: dict[str, str] = {}  # name -> the statement a move puts at the top
    decisions = []
    for node in ast.walk(module.tree):
        if not isinstance(node, (ast.Import, ast.ImportFrom)):
            continue
        function = _function_of(module, node)
        if function is None:
            continue
        found = bindings(module, node, known)
        if found is None:
            continue
        for b in found:
            lazy = [(command, b.needs - loaded) for command, loaded in sets.items()
                    if module.name in loaded and not b.needs <= loaded]
            if lazy:
                decisions.append(Decision(b, False, _lazy_comment(b, lazy, sets, costs, remeasure)))
                continue
            held = top.get(b.name, "absent")
            clash = ((held not in ("absent", b.text)) or (chosen.get(b.name, b.text) != b.text)
                     or _assigns(function, b.name, node))
            if clash:
                decisions.append(Decision(b, False, f"{b.name!r} is bound otherwise at module level or in the "
                                                    f"function: move `{b.text}` by hand"))
                continue
            chosen[b.name] = b.text
            decisions.append(Decision(b, True))
    return decisions


def _lazy_comment(b: Binding, lazy: list[tuple[str, set[str]]], sets: dict[str, set[str]],
                  costs: dict[str, float], remeasure: bool) -> str:
    """The comment naming the start-up the move would add most to (the command that imports least), with
    its figure: what importing the module costs a process that has imported what that command imports."""
    target = max(b.needs, key=len)
    command = min((c for c, _ in lazy), key=lambda c: (len(sets[c]), c))  # the least loaded: it pays most
    key = f"{target} | {command}"
    if remeasure or key not in costs:
        costs[key] = measure(target, sets[command])
    ms = costs[key]
    return f"{LAZY} {target} adds {ms} ms to `{command}` start-up (python -X importtime)"


# --- rewriting ---

def _body_of(module: Module, node: ast.stmt) -> list[ast.stmt]:
    parent = module.parents[node]
    for name in ("body", "orelse", "finalbody", "handlers"):
        part = getattr(parent, name, None)
        if isinstance(part, list) and node in part:
            return part
    raise ValueError(f"{module.path}:{node.lineno}: cannot find the block of this import")


def rewrite(module: Module, decisions: list[Decision]) -> str | None:
    """The module's new text, or None when nothing changes."""
    lines = module.text.splitlines(keepends=True)
    edits: dict[int, tuple[int, list[str]]] = {}  # first line (0-based) -> (end line exclusive, new lines)
    moved: list[str] = []
    by_node: dict[ast.AST, list[Decision]] = {}
    for d in decisions:
        by_node.setdefault(d.binding.node, []).append(d)
    emptied: dict[int, int] = {}  # id of a block -> statements removed from it
    for node, ds in by_node.items():
        indent = lines[node.lineno - 1][: node.col_offset]
        start, end = node.lineno - 1, node.end_lineno
        keep = [d for d in ds if not d.move]
        moved += [d.binding.text for d in ds if d.move]
        new: list[str] = []
        if keep:
            comment = max((d.why for d in keep if d.why.startswith(LAZY)), default=None, key=_figure)
            if comment:
                if start > 0 and lines[start - 1].strip().startswith(LAZY):
                    start -= 1
                new.append(f"{indent}{comment}\n")
            if len(keep) == len(ds):
                new += lines[node.lineno - 1: end]
            else:
                names = [d.binding.alias for d in keep]
                stmt = (ast.Import(names=names) if isinstance(node, ast.Import)
                        else ast.ImportFrom(module=node.module, names=names, level=node.level))
                new.append(f"{indent}{ast.unparse(stmt)}\n")
        else:
            if start > 0 and lines[start - 1].strip().startswith(LAZY):
                start -= 1  # its figure goes with it: the import is no longer lazy
            block = _body_of(module, node)
            emptied[id(block)] = emptied.get(id(block), 0) + 1
            if emptied[id(block)] == len(block):
                new.append(f"{indent}pass\n")
            elif end < len(lines) and not lines[end].strip():
                end += 1  # the blank line ruff keeps after an import goes with it
        if new != lines[start:end]:
            edits[start] = (end, new)
    redundant = _redundant_type_checking(module, moved)
    for start, (end, new) in redundant.items():
        edits[start] = (end, new)
    if not edits:
        return None
    out: list[str] = []
    i = 0
    while i < len(lines):
        if i in edits:
            end, new = edits[i]
            out += new
            i = end
        else:
            out.append(lines[i])
            i += 1
    text = "".join(out)
    if moved:
        text = _insert_at_top(text, sorted(set(moved)))
    return _drop_unused_type_checking(text)


def _figure(comment: str) -> float:
    return float(comment.split(" adds ", 1)[1].split(" ms ", 1)[0])


def _redundant_type_checking(module: Module, moved: list[str]) -> dict[int, tuple[int, list[str]]]:
    """Edits removing `if TYPE_CHECKING:` imports that a moved import now makes at run time."""
    real = set(moved) | {v for v in module_names(module).values() if v}
    edits = {}
    for stmt in module.tree.body:
        if not _is_type_checking(stmt) or stmt.orelse:
            continue
        remaining = 0
        block_edits = {}
        for inner in stmt.body:
            if not isinstance(inner, (ast.Import, ast.ImportFrom)):
                remaining += 1
                continue
            keep = [a for a in inner.names
                    if ast.unparse(ast.Import(names=[a]) if isinstance(inner, ast.Import)
                                   else ast.ImportFrom(module=inner.module, names=[a], level=inner.level)) not in real]
            remaining += bool(keep)
            if len(keep) < len(inner.names):
                text = []
                if keep:
                    kept = (ast.Import(names=keep) if isinstance(inner, ast.Import)
                            else ast.ImportFrom(module=inner.module, names=keep, level=inner.level))
                    text = [" " * inner.col_offset + ast.unparse(kept) + "\n"]
                block_edits[inner.lineno - 1] = (inner.end_lineno, text)
        if remaining == 0:
            edits[stmt.lineno - 1] = (stmt.end_lineno, [])
        else:
            edits.update(block_edits)
    return edits


def _insert_at_top(text: str, statements: list[str]) -> str:
    """The statements added after the module's leading imports (ruff sorts and merges them after)."""
    tree = ast.parse(text)
    lines = text.splitlines(keepends=True)
    after = 0
    for stmt in tree.body:
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            after = stmt.end_lineno
        elif isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and stmt is tree.body[0]:
            after = stmt.end_lineno
        else:
            break
    if after < len(lines) and lines[after].strip() == "# isort: on":
        after += 1
    block = [s + "\n" for s in statements]
    if not any(isinstance(s, (ast.Import, ast.ImportFrom)) for s in tree.body):
        block = ["\n", *block] if after else block  # after the docstring
    return "".join(lines[:after] + block + lines[after:])


def _drop_unused_type_checking(text: str) -> str:
    """`TYPE_CHECKING` no longer imported when no block uses it."""
    tree = ast.parse(text)
    uses = sum(isinstance(n, ast.Name) and n.id == "TYPE_CHECKING" for n in ast.walk(tree))
    if uses:
        return text
    lines = text.splitlines(keepends=True)
    for stmt in tree.body:
        if isinstance(stmt, ast.ImportFrom) and stmt.module == "typing" and any(
                a.name == "TYPE_CHECKING" for a in stmt.names):
            rest = [a for a in stmt.names if a.name != "TYPE_CHECKING"]
            new = [ast.unparse(ast.ImportFrom(module="typing", names=rest, level=0)) + "\n"] if rest else []
            lines[stmt.lineno - 1: stmt.end_lineno] = new
            return "".join(lines)
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing: list what would move, exit 1 if any")
    parser.add_argument("--remeasure", action="store_true", help="measure every lazy import's cost again")
    options = parser.parse_args()
    known = modules()
    sets = start_up_sets()
    costs = {} if options.remeasure else (json.loads(COSTS.read_text()) if COSTS.is_file() else {})
    changed, clashes, moved, lazy = [], [], 0, 0
    for name, path in known.items():
        module = read(name, path)
        decisions = decide(module, known, sets, costs, options.remeasure)
        moved += sum(d.move for d in decisions)
        lazy += sum(d.why.startswith(LAZY) for d in decisions)
        clashes += [f"{path.relative_to(ROOT)}:{d.binding.node.lineno}: {d.why}" for d in decisions
                    if not d.move and not d.why.startswith(LAZY)]
        text = rewrite(module, decisions)
        if text is not None and text != module.text:
            changed.append(path)
            if not options.check:
                path.write_text(text, encoding="utf-8")
    COSTS.write_text(json.dumps(dict(sorted(costs.items())), indent=1) + "\n", encoding="utf-8")
    if not options.check:
        if changed:
            subprocess.run([sys.executable, "-m", "ruff", "check", "--quiet", "--select", "I", "--fix",
                            *map(str, changed)], cwd=ROOT, check=False)
    print(f"imports_to_top: {moved} import(s) moved to the top, {lazy} left lazy with their cost, "
          f"{len(changed)} file(s) {'to change' if options.check else 'changed'}")
    for clash in clashes:
        print(f"  left in place: {clash}")
    return 1 if options.check and changed else 0


if __name__ == "__main__":
    raise SystemExit(main())
