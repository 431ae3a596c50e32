"""No product module uses a private (underscore) name of Django.

Django changes its private names without notice; the product keeps to the
public API. Every .py file of the product apps is parsed: importing an
underscore name from `django.*`, importing a private Django module, or reaching
an underscore attribute through a name imported from Django, or overriding a
parent's private method and calling it through `super()`, fails the test.
The model `_meta` API and the model managers `_default_manager` and
`_base_manager` are documented public API despite their names.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCT_APPS = [
    "herentq",
    "partnerships",
    "subsidies",
    "learning_tracks",
    "council",
    "devdata",
    "api",
]
DOCUMENTED = {"_meta", "_default_manager", "_base_manager"}


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__") and name != "_"


def _is_django(module: str | None) -> bool:
    return module is not None and (module == "django" or module.startswith("django."))


def _is_super_call(node) -> bool:
    """`super()`: a parent's private name (Django's, for the classes here)."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "super"
    )


def private_django_uses(source: str) -> list[str]:
    """Each private Django name the source uses, as "line: what"."""
    tree = ast.parse(source)
    from_django = set()  # local names bound to something of Django
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and _is_django(node.module):
            if any(_private(part) for part in node.module.split(".")):
                found.append(f"{node.lineno}: from {node.module} import …")
            for alias in node.names:
                if _private(alias.name):
                    found.append(
                        f"{node.lineno}: from {node.module} import {alias.name}"
                    )
                from_django.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if not _is_django(alias.name):
                    continue
                if any(_private(part) for part in alias.name.split(".")):
                    found.append(f"{node.lineno}: import {alias.name}")
                from_django.add(alias.asname or alias.name.split(".")[0])
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr):
            if node.attr in DOCUMENTED:
                continue
            root = node.value  # through a.b, a[…] and a(…) to the first name
            while isinstance(root, (ast.Attribute, ast.Subscript, ast.Call)):
                root = root.func if isinstance(root, ast.Call) else root.value
            if (isinstance(root, ast.Name) and root.id in from_django) or (
                _is_super_call(node.value)
            ):
                found.append(f"{node.lineno}: {ast.unparse(node)}")
    return found


def _product_files():
    for app in PRODUCT_APPS:
        yield from sorted((ROOT / app).rglob("*.py"))


def test_no_product_module_uses_a_private_django_name():
    files = list(_product_files())
    assert ROOT / "herentq" / "settings" / "base.py" in files
    offences = {
        str(path.relative_to(ROOT)): uses
        for path in files
        if (uses := private_django_uses(path.read_text()))
    }
    assert offences == {}


@pytest.mark.parametrize(
    "source",
    [
        "from django.contrib.admin.utils import _get_non_gfk_field",
        "from django.contrib.admin.templatetags import admin_list\n"
        "admin_list._boolean_icon(True)",
        "import django.utils._os",
        "from django.utils import _os",
        "from django.contrib import admin\nadmin.templatetags.admin_list._coerce_field_name",
        "from django.core.cache import caches as c\nc['x']._cache",
        "class M(UpdateCacheMiddleware):\n"
        "    def _should_update_cache(self, request, response):\n"
        "        return super()._should_update_cache(request, response)",
    ],
)
def test_the_check_sees_each_way_of_reaching_a_private_name(source):
    assert private_django_uses(source)


@pytest.mark.parametrize(
    "source",
    [
        "from django.utils.translation import gettext as _",
        "from django.db import models\nmodels.Model._meta",
        "from herentq import things\nthings._private",
        "def f(self):\n    return self._track",
    ],
)
def test_the_check_leaves_public_names_alone(source):
    assert not private_django_uses(source)
