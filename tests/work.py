"""How much work a call does, counted rather than timed: tests assert that work grows linearly with the input.

`python_lines` counts the lines of Python a module executes during a call (a loop over a file's lines inside a
loop over its entries shows as quadratic); `characters_passed` adds up the length of every string handed to the
module's functions (code that hands the rest of a million-character note to a function again for each line it
cuts shows as quadratic, even when the copying itself happens in C).
"""

from __future__ import annotations

import sys
from types import ModuleType


def python_lines(module: ModuleType, call, *args) -> int:
    filename = module.__file__
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def trace(frame, event, arg):
        return local if frame.f_code.co_filename == filename else None

    _hooked(sys.settrace, sys.gettrace, trace, call, args)
    return count


def characters_passed(module: ModuleType, call, *args) -> int:
    filename = module.__file__
    total = 0

    def profile(frame, event, arg):
        nonlocal total
        if event == "call" and frame.f_code.co_filename == filename:
            code = frame.f_code
            names = code.co_varnames[:code.co_argcount + code.co_kwonlyargcount]
            total += sum(len(value) for name in names if isinstance(value := frame.f_locals.get(name), str))

    _hooked(sys.setprofile, sys.getprofile, profile, call, args)
    return total


def _hooked(install, installed, hook, call, args) -> None:
    """`call(*args)` with the interpreter's trace or profile hook set to `hook`, and the one before it put back."""
    previous = installed()
    install(hook)
    try:
        call(*args)
    finally:
        install(previous)


def growth(measure, sizes: tuple[int, int]) -> float:
    """How many times more work the larger size takes than the smaller: about their ratio when work is linear,
    its square when quadratic."""
    small, large = (measure(size) for size in sizes)
    return large / max(small, 1)
