"""The synth package says what is public, and every public name is documented."""

from __future__ import annotations

import inspect

from newsdedup import synth


def test_all_names_exist_and_are_documented() -> None:
    assert len(synth.__all__) == len(set(synth.__all__))
    for name in synth.__all__:
        value = getattr(synth, name)
        if inspect.isclass(value) or inspect.isfunction(value):
            assert inspect.getdoc(value), name


def test_nothing_public_is_left_out() -> None:
    public = {
        name
        for name, value in vars(synth).items()
        if not name.startswith("_") and not inspect.ismodule(value)
    }
    assert public == set(synth.__all__)
