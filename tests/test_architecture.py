"""The core's structure: one-way layers (import-linter), no cycles, no hidden imports."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "plugins" / "aktivitetsportal"


def test_layer_contracts_hold():
    """`lint-imports` checks pyproject's layers: no module imports a layer above it."""
    result = subprocess.run([str(Path(sys.executable).with_name("lint-imports"))], cwd=ROOT,
                            capture_output=True, text=True, env={"PYTHONPATH": str(ROOT / "plugins")})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_core_modules_import_each_other_without_cycles():
    sys.path.insert(0, str(ROOT / "plugins"))
    graph = grimp.build_graph("aktivitetsportal", exclude_type_checking_imports=True)
    modules = sorted(graph.modules)
    cycles = []
    for module in modules:
        for imported in graph.find_modules_directly_imported_by(module):
            if graph.chain_exists(importer=imported, imported=module):
                cycles.append((module, imported))
    assert cycles == []


def test_no_imports_inside_functions():
    """Imports stay at the top of a module, where the layer contract sees them plainly."""
    hidden = []
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                hidden += [f"{path.relative_to(ROOT)}:{n.lineno}" for n in ast.walk(node)
                           if isinstance(n, ast.Import | ast.ImportFrom)]
    assert hidden == []


def test_core_has_no_pelican_import():
    for path in CORE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import pelican" not in text and "from pelican" not in text, path
