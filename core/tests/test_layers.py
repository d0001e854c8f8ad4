"""The apps' layers point down only: core ← accounts ← catalog ← commerce ← search,
with home on core and catalog, demo on everything, and nothing on demo. Every import
of the shop's own modules outside tests and migrations is read from the source."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ["core", "accounts", "catalog", "commerce", "search", "home", "demo", "config"]
BELOW = {
    "core": set(),
    "accounts": {"core"},
    "catalog": {"core", "accounts"},
    "commerce": {"core", "accounts", "catalog"},
    "search": {"core", "accounts", "catalog", "commerce", "home"},
    "home": {"core", "catalog"},
    "demo": set(APPS) - {"config", "demo"},
    "config": set(APPS) - {"config", "demo"},
}
# Catalog reads stock through this one port, which imports nothing but the stock model.
PORTS = {"catalog": {"commerce.inventory"}}
STOCK_PORT_IMPORTS = {"commerce.models.stock", "commerce.models.stock.StockRecord"}


def modules_of(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "tests" not in parts and "migrations" not in parts:
            yield path


def imported_names(path: Path) -> set[str]:
    """Every module `path` imports, at any depth of its code."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def upward_imports(app: str) -> list[str]:
    wrong = []
    for path in modules_of(app):
        for name in imported_names(path):
            target = name.split(".")[0]
            allowed = target == app or target in BELOW[app] or target not in APPS
            through_port = any(
                name == port or name.startswith(port + ".") for port in PORTS.get(app, ())
            )
            if not (allowed or through_port or _names_a_port_member(name, app)):
                wrong.append(f"{path.relative_to(ROOT)} imports {name}")
    return wrong


def _names_a_port_member(name: str, app: str) -> bool:
    """`from commerce.inventory import x` also lists `commerce`'s module `commerce.inventory`."""
    return any(port.startswith(name + ".") for port in PORTS.get(app, ()))


@pytest.mark.parametrize("app", APPS)
def test_an_app_imports_only_the_layers_below_it(app):
    assert upward_imports(app) == []


def test_the_stock_port_imports_only_the_stock_model():
    path = ROOT / "commerce" / "inventory.py"
    shop_imports = {name for name in imported_names(path) if name.split(".")[0] in APPS}
    assert shop_imports <= STOCK_PORT_IMPORTS


def test_row_locks_are_taken_only_in_locks_modules():
    takers = [
        str(path.relative_to(ROOT))
        for app in APPS
        for path in modules_of(app)
        if path.name != "locks.py" and "select_for_update" in path.read_text()
    ]
    assert takers == []
