"""User expressions for ``--where`` and ``--indicator``: a small, safe subset of Python syntax.

Allowed: column names, numbers, quoted strings, ``True``/``False``, comparisons (``<``, ``<=``,
``>``, ``>=``, ``==``, ``!=``, also chained: ``20 <= age < 60``), ``and``/``or``/``not``,
``+ - * /``, and ``isnull(col)`` / ``notnull(col)``. Anything else (calls, attributes, indexing)
is refused, so user text is never evaluated as code. The result is an Ibis expression, so the same
filter runs on every engine.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable
from typing import Any

import ibis
import ibis.expr.types as ir
from ibis.common.annotations import ValidationError as IbisValidationError
from ibis.common.exceptions import IbisError

from b12.errors import InputError

# What Ibis raises when an operation does not fit its operands' types ('sex + 1', '-sex',
# "age < 'x'") or a literal does not fit any column type (an integer beyond int64).
_TYPE_ERRORS = (IbisError, IbisValidationError, TypeError, ValueError, OverflowError)

_COMPARE: dict[type[ast.cmpop], Callable[[Any, Any], Any]] = {
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
}
_ARITH: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}


def parse_expression(text: str, *, field: str) -> ast.expr:
    """The parse tree of ``text``, or InputError naming ``field`` when it is not Python syntax."""
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise InputError(f"cannot parse {text!r}: {exc.msg}", field=field) from None
    return tree.body


def expression_names(text: str, *, field: str) -> frozenset[str]:
    """The column names ``text`` uses, read from its parse tree.

    Words inside quoted strings, numbers (the ``e`` of ``1e3``) and the names of called functions
    (``isnull``) are not column names; of ``a.b`` only ``a`` is (the compiler refuses attributes
    anyway). Raises InputError naming ``field`` when ``text`` does not parse.
    """
    tree = parse_expression(text, field=field)
    called = {id(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
    return frozenset(
        node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and id(node) not in called
    )


def compile_expression(text: str, table: ir.Table, *, field: str) -> ir.Value:
    """Compile ``text`` against ``table``'s columns, or raise InputError naming ``field``."""
    return _Compiler(table, field, text).visit(parse_expression(text, field=field))


def compile_condition(text: str, table: ir.Table, *, field: str) -> ir.BooleanValue:
    """Compile ``text`` as a true/false condition (``--where``, an ``--indicator`` expression)."""
    expr = compile_expression(text, table, field=field)
    if not isinstance(expr, ir.BooleanValue):
        raise InputError(f"{text!r} must be true/false, e.g. 'b12 < 200'", field=field)
    return expr


class _Compiler:
    def __init__(self, table: ir.Table, field: str, text: str) -> None:
        self.table = table
        self.field = field
        self.text = text

    def fail(self, what: str) -> InputError:
        return InputError(f"{what} in {self.text!r}", field=self.field)

    def apply(self, node: ast.AST, operation: Callable[..., Any], *operands: Any) -> Any:
        """Apply an Ibis operation, turning a type mismatch into an InputError naming it."""
        try:
            return operation(*operands)
        except _TYPE_ERRORS:
            kinds = " and ".join(str(o.type()) for o in operands if isinstance(o, ir.Value))
            part = ast.unparse(node)
            what = (
                f"the types in {part!r} do not fit ({kinds})"
                if kinds
                else f"{part} is out of range"
            )
            raise self.fail(what) from None

    def visit(self, node: ast.AST) -> Any:
        if isinstance(node, ast.Name):
            if node.id in ("True", "False"):
                return ibis.literal(node.id == "True")
            if node.id not in self.table.columns:
                raise self.fail(
                    f"unknown column {node.id!r} (columns: {', '.join(self.table.columns)})"
                )
            return self.table[node.id]
        if isinstance(node, ast.Constant) and isinstance(node.value, bool | int | float | str):
            return self.apply(node, ibis.literal, node.value)
        if isinstance(node, ast.BoolOp):
            values = [self.visit(v) for v in node.values]
            result = values[0]
            join = operator.and_ if isinstance(node.op, ast.And) else operator.or_
            for value in values[1:]:
                result = self.apply(node, join, result, value)
            return result
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return self.apply(node, operator.invert, self.visit(node.operand))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return self.apply(node, operator.neg, self.visit(node.operand))
        if isinstance(node, ast.Compare):
            left = self.visit(node.left)
            result = None
            for op, comparator in zip(node.ops, node.comparators, strict=True):
                if type(op) not in _COMPARE:
                    raise self.fail("only < <= > >= == != comparisons are allowed")
                right = self.visit(comparator)
                part = self.apply(node, _COMPARE[type(op)], left, right)
                result = part if result is None else self.apply(node, operator.and_, result, part)
                left = right
            return result
        if isinstance(node, ast.BinOp) and type(node.op) in _ARITH:
            return self.apply(
                node, _ARITH[type(node.op)], self.visit(node.left), self.visit(node.right)
            )
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("isnull", "notnull")
            and len(node.args) == 1
            and not node.keywords
        ):
            value = self.visit(node.args[0])
            return self.apply(node, getattr(value, node.func.id))
        raise self.fail(f"{type(node).__name__} is not allowed")


def parse_indicator(spec: str) -> tuple[str, str]:
    """Split ``NAME=EXPRESSION`` (the first '=' not part of a comparison operator)."""
    for i, char in enumerate(spec):
        if (
            char == "="
            and (i + 1 >= len(spec) or spec[i + 1] != "=")
            and (i == 0 or spec[i - 1] not in "<>!=")
        ):
            name, expression = spec[:i].strip(), spec[i + 1 :].strip()
            if name.isidentifier() and expression:
                return name, expression
            break
    raise InputError(f"expected NAME=EXPRESSION, got {spec!r}", field="--indicator")
