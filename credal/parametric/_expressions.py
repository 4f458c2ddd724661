"""Polynomial expressions in one parameter, read safely from text (problem files' sweeps).

A ``[sweep]`` problem file (see :mod:`credal.problem`) may write any number as a string
such as ``"1 - r"``, ``"r^2/2"`` or ``"(1 - r)*(1/3)"``: a polynomial in the file's
parameter with rational coefficients. :func:`parse_polynomial` reads one with a small
recursive-descent parser of its own; the text is never evaluated (no ``eval``, no
``sympify``), so a file cannot run code.

The grammar (whitespace is ignored)::

    expression := term (("+" | "-") term)*
    term       := factor (("*" | "/") factor)*
    factor     := ("+" | "-")* power
    power      := atom [("^" | "**") INTEGER]
    atom       := NUMBER | PARAMETER | "(" expression ")"

``NUMBER`` is an unsigned integer or decimal, exactly as credal reads number strings
(``"2"``, ``"0.25"``, ``".5"``, ``"1e-3"``, ``"1_000"``); a fraction ``a/b`` is the division
of two numbers. ``PARAMETER`` is the parameter's name. Division is by a nonzero number
only (an expression without the parameter), so that the result stays a polynomial; the
exponent is a non-negative integer written as digits. The unary minus binds less tightly
than the power: ``-r^2`` is ``-(r^2)``. A power of a power needs parentheses
(``(r^2)^3``), and there is no implied multiplication: ``2r`` and ``2(1 - r)`` are refused
with a message asking for ``2*r`` (with a parameter named ``e``, ``2e3`` would otherwise be
ambiguous).

Limits, so that a short text cannot ask for a huge computation: at most
:data:`MAX_LENGTH` characters, parentheses nested at most :data:`MAX_NESTING` deep, degree
at most :data:`MAX_DEGREE`, exponents at most :data:`MAX_DEGREE`, and coefficients of at
most :data:`MAX_BITS` bits.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .._core.numbers import MAX_NUMBER_STRING, parse_number_string, show
from ..errors import InvalidArgumentError

__all__ = ["ExpressionError", "MAX_BITS", "MAX_DEGREE", "MAX_LENGTH", "MAX_NESTING",
           "Polynomial", "is_parameter_name", "parse_polynomial"]

#: The longest expression accepted, in characters (as for a number string).
MAX_LENGTH = MAX_NUMBER_STRING
#: The deepest nesting of parentheses accepted.
MAX_NESTING = 50
#: The highest degree (and the largest exponent) accepted.
MAX_DEGREE = 64
#: The largest size, in bits, of a coefficient's numerator or denominator that a power may
#: produce (the only operation that multiplies sizes).
MAX_BITS = 100_000

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# an unsigned number as parse_number_string reads it (it checks the token again)
_NUMBER = re.compile(r"(?:\d+(?:_\d+)*(?:\.(?:\d+(?:_\d+)*)?)?|\.\d+(?:_\d+)*)"
                     r"(?:[eE][-+]?\d+(?:_\d+)*)?")
_OPERATORS = ("**", "^", "+", "-", "*", "/", "(", ")")


class ExpressionError(InvalidArgumentError):
    """A text that is not a polynomial in the parameter; the message says why (one line,
    without the text itself, which the caller shows with its own context)."""


def is_parameter_name(name: object) -> bool:
    """Whether ``name`` can name a sweep's parameter: an ASCII identifier (letters, digits
    and underscores, not starting with a digit)."""
    return isinstance(name, str) and _NAME.fullmatch(name) is not None


@dataclass(frozen=True)
class Polynomial:
    """A polynomial with rational coefficients in one parameter.

    Attributes
    ----------
    coefficients : tuple of Fraction, shape (degree + 1,)
        ``coefficients[k]`` multiplies ``t**k``; no trailing zeros, so the zero polynomial
        is ``()``.

    Examples
    --------
    >>> from fractions import Fraction
    >>> p = parse_polynomial("(1 - r)^2/2", "r")
    >>> p.coefficients
    (Fraction(1, 2), Fraction(-1, 1), Fraction(1, 2))
    >>> p(Fraction(1, 3)), p.degree, p.text("r")
    (Fraction(2, 9), 2, '1/2 - r + 1/2*r^2')
    """

    coefficients: tuple[Fraction, ...]

    @staticmethod
    def of(coefficients: Sequence[Fraction | int]) -> Polynomial:
        """The polynomial ``sum coefficients[k] t**k`` (trailing zeros dropped)."""
        c = [Fraction(x) for x in coefficients]
        while c and c[-1] == 0:
            c.pop()
        return Polynomial(tuple(c))

    @property
    def degree(self) -> int:
        """The degree; 0 for a constant, also for the zero polynomial."""
        return max(len(self.coefficients) - 1, 0)

    @property
    def is_constant(self) -> bool:
        return len(self.coefficients) <= 1

    def __call__(self, t: Any) -> Any:
        """The value at ``t``: a ``Fraction`` for an int or ``Fraction`` ``t`` (Horner's
        rule, exactly); for any other number (a sympy one) the same rule in its own
        arithmetic, the coefficients made sympy rationals."""
        if isinstance(t, int | Fraction) and not isinstance(t, bool):
            value = Fraction(0)
            for c in reversed(self.coefficients):
                value = value * t + c
            return value
        import sympy

        out: Any = sympy.Integer(0)
        for c in reversed(self.coefficients):
            out = out * t + sympy.Rational(c.numerator, c.denominator)
        return out

    def as_expr(self, symbol: Any) -> Any:
        """The sympy expression of the polynomial in ``symbol`` (a ``sympy.Symbol``)."""
        import sympy

        return sympy.Add(*(sympy.Rational(c.numerator, c.denominator) * symbol ** k
                           for k, c in enumerate(self.coefficients)))

    def text(self, name: str) -> str:
        """The polynomial written in ``name``, lowest degree first (``"1/2 - r"``), in the
        grammar :func:`parse_polynomial` reads back."""
        terms: list[str] = []
        for k, c in enumerate(self.coefficients):
            if c == 0:
                continue
            power = "" if k == 0 else name if k == 1 else f"{name}^{k}"
            size = abs(c)
            body = str(size) if not power else power if size == 1 else f"{size}*{power}"
            sign = "-" if c < 0 else "+"
            terms.append(f"{'-' if sign == '-' else ''}{body}" if not terms
                         else f" {sign} {body}")
        return "".join(terms) or "0"

    # arithmetic used by the parser
    def __add__(self, other: Polynomial) -> Polynomial:
        a, b = self.coefficients, other.coefficients
        n = max(len(a), len(b))
        return Polynomial.of([(a[k] if k < len(a) else 0) + (b[k] if k < len(b) else 0)
                              for k in range(n)])

    def __neg__(self) -> Polynomial:
        return Polynomial(tuple(-c for c in self.coefficients))

    def __sub__(self, other: Polynomial) -> Polynomial:
        return self + (-other)

    def __mul__(self, other: Polynomial) -> Polynomial:
        a, b = self.coefficients, other.coefficients
        if not a or not b:
            return Polynomial(())
        out = [Fraction(0)] * (len(a) + len(b) - 1)
        for i, x in enumerate(a):
            if x:
                for j, y in enumerate(b):
                    out[i + j] += x * y
        return Polynomial.of(out)


def parse_polynomial(text: str, parameter: str) -> Polynomial:
    """Read a polynomial in ``parameter`` from ``text``, exactly and without evaluating it.

    Parameters
    ----------
    text : str
        The expression, in the grammar of the module's docstring: numbers, the parameter,
        ``+ - * /`` (division by a nonzero number only), ``^`` or ``**`` with a non-negative
        integer exponent, and parentheses.
    parameter : str
        The parameter's name, an identifier (:func:`is_parameter_name`).

    Returns
    -------
    Polynomial
        Its coefficients, as ``Fraction``; a constant when the text does not mention the
        parameter.

    Raises
    ------
    ExpressionError
        The text is not such an expression: an unexpected character or token, a name other
        than the parameter, a missing operand or parenthesis, implied multiplication
        (``2r``), division by an expression in the parameter or by zero, an exponent that is
        not a non-negative integer, or beyond the limits of the module's docstring. The
        message says which, and where (the 1-based character position).
    InvalidArgumentError
        ``text`` is not a str, or ``parameter`` is not an identifier.

    Notes
    -----
    Cost: linear in the text's length for the parse; polynomial products cost the product
    of the degrees (at most :data:`MAX_DEGREE` squared per product).

    Examples
    --------
    >>> parse_polynomial("1 - r", "r").coefficients
    (Fraction(1, 1), Fraction(-1, 1))
    >>> parse_polynomial("r^2/2 + 0.5", "r").text("r")
    '1/2 + 1/2*r^2'
    >>> parse_polynomial("2r", "r")
    Traceback (most recent call last):
    ...
    credal.parametric._expressions.ExpressionError: implied multiplication at position 2: write 2*r
    """
    if not isinstance(text, str):
        raise InvalidArgumentError(f"text must be a str, got {type(text).__name__}: "
                                   f"{show(text, 60)}")
    if not is_parameter_name(parameter):
        raise InvalidArgumentError(f"parameter must be an identifier such as 'r', got "
                                   f"{show(parameter, 60)}")
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"it is {len(text)} characters long, more than the "
                              f"{MAX_LENGTH} accepted")
    return _Parser(text, parameter).parse()


@dataclass
class _Token:
    kind: str  # "number", "name", an operator, or "end"
    text: str
    position: int  # 0-based
    value: Fraction | None = None


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        m = _NUMBER.match(text, i)
        if m is not None and m.group():
            word = m.group()
            try:
                value = parse_number_string(word, "the number")
            except InvalidArgumentError as exc:
                raise ExpressionError(f"the number {word} at position {i + 1} cannot be "
                                      f"read ({exc})") from None
            out.append(_Token("number", word, i, value))
            i = m.end()
            continue
        m = _NAME.match(text, i)
        if m is not None:
            out.append(_Token("name", m.group(), i))
            i = m.end()
            continue
        op = next((o for o in _OPERATORS if text.startswith(o, i)), None)
        if op is None:
            raise ExpressionError(f"unexpected character {ch!r} at position {i + 1}; an "
                                  f"expression holds numbers, the parameter, + - * / ^ and "
                                  f"parentheses")
        out.append(_Token(op, op, i))
        i += len(op)
    out.append(_Token("end", "", n))
    return out


def _describe(token: _Token) -> str:
    if token.kind == "end":
        return "the end of the expression"
    return f"{token.text!r} at position {token.position + 1}"


class _Parser:
    """Recursive descent over the tokens; recursion only through parentheses, whose depth
    is bounded by :data:`MAX_NESTING`."""

    def __init__(self, text: str, parameter: str) -> None:
        self.tokens = _tokens(text)
        self.parameter = parameter
        self.i = 0
        self.depth = 0

    @property
    def here(self) -> _Token:
        return self.tokens[self.i]

    def take(self) -> _Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def parse(self) -> Polynomial:
        if self.here.kind == "end":
            raise ExpressionError("it is empty")
        p = self.expression()
        if self.here.kind != "end":
            raise self.unexpected(self.here)
        return p

    def unexpected(self, token: _Token) -> ExpressionError:
        if token.kind == ")":
            return ExpressionError(f"unmatched ')' at position {token.position + 1}")
        return ExpressionError(f"unexpected {_describe(token)}")

    def expression(self) -> Polynomial:
        p = self.term()
        while self.here.kind in ("+", "-"):
            op = self.take().kind
            q = self.term()
            p = p + q if op == "+" else p - q
        return p

    def term(self) -> Polynomial:
        p = self.factor()
        while self.here.kind in ("*", "/"):
            op = self.take()
            q = self.factor()
            if op.kind == "*":
                if p.degree + q.degree > MAX_DEGREE:
                    raise self.too_high(op)
                p = p * q
            elif not q.is_constant:
                raise ExpressionError(
                    f"the '/' at position {op.position + 1} divides by an expression in "
                    f"{self.parameter}; only division by a number keeps a polynomial")
            elif not q.coefficients:
                raise ExpressionError(f"the '/' at position {op.position + 1} divides by "
                                      f"zero")
            else:
                p = p * Polynomial((1 / q.coefficients[0],))
        return p

    def too_high(self, op: _Token) -> ExpressionError:
        return ExpressionError(f"the degree passes {MAX_DEGREE}, the highest accepted, at "
                               f"{op.text!r} (position {op.position + 1})")

    def factor(self) -> Polynomial:
        negative = False
        while self.here.kind in ("+", "-"):  # a loop, not recursion: "----r" is flat
            negative ^= self.take().kind == "-"
        p = self.power()
        return -p if negative else p

    def power(self) -> Polynomial:
        base = self.atom()
        if self.here.kind not in ("^", "**"):
            return self.no_implied_product(base)
        op = self.take()
        exponent = self.here
        if exponent.kind != "number" or not re.fullmatch(r"\d+(?:_\d+)*", exponent.text):
            raise ExpressionError(
                f"the exponent after {op.text!r} at position {op.position + 1} must be a "
                f"non-negative integer such as 2, got {_describe(exponent)}")
        self.take()
        assert exponent.value is not None
        k = int(exponent.value)
        if k > MAX_DEGREE:
            raise ExpressionError(f"the exponent {k} at position {exponent.position + 1} is "
                                  f"above {MAX_DEGREE}, the largest accepted")
        if base.degree * k > MAX_DEGREE:
            raise self.too_high(op)
        bits = max((max(c.numerator.bit_length(), c.denominator.bit_length())
                    for c in base.coefficients), default=0)
        if bits * k > MAX_BITS:
            raise ExpressionError(f"the power at position {op.position + 1} makes numbers "
                                  f"of more than {MAX_BITS} bits")
        out = Polynomial((Fraction(1),))
        for _ in range(k):
            out = out * base
        if self.here.kind in ("^", "**"):
            raise ExpressionError(f"a power of a power at position "
                                  f"{self.here.position + 1}: add parentheses, e.g. (r^2)^3")
        return self.no_implied_product(out)

    def no_implied_product(self, p: Polynomial) -> Polynomial:
        nxt = self.here
        if nxt.kind in ("number", "name", "("):
            prev = self.tokens[self.i - 1]
            hint = (f"write {prev.text}*{nxt.text}" if prev.kind != ")" and nxt.kind != "("
                    else "write '*' between the two factors")
            raise ExpressionError(f"implied multiplication at position {nxt.position + 1}: "
                                  f"{hint}")
        return p

    def atom(self) -> Polynomial:
        token = self.take()
        if token.kind == "number":
            assert token.value is not None
            return Polynomial.of([token.value])
        if token.kind == "name":
            if token.text != self.parameter:
                raise ExpressionError(f"unknown name {token.text!r} at position "
                                      f"{token.position + 1}; the only name allowed is the "
                                      f"parameter, {self.parameter}")
            return Polynomial((Fraction(0), Fraction(1)))
        if token.kind == "(":
            if self.depth >= MAX_NESTING:
                raise ExpressionError(f"parentheses nested more than {MAX_NESTING} deep at "
                                      f"position {token.position + 1}")
            self.depth += 1
            p = self.expression()
            self.depth -= 1
            close = self.take()
            if close.kind != ")":
                raise ExpressionError(f"the '(' at position {token.position + 1} is never "
                                      f"closed (found {_describe(close)})")
            return p
        if token.kind == "end":
            raise ExpressionError("it ends where a number, the parameter or '(' was "
                                  "expected")
        raise ExpressionError(f"unexpected {_describe(token)} where a number, the parameter "
                              f"or '(' was expected")
