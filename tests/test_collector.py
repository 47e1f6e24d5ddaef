import gc

import pytest

from netra import collector


def test_paused_turns_the_collector_off_inside_and_back_on_after_an_error_too():
    assert gc.isenabled()
    with pytest.raises(ValueError):
        with collector.paused():
            assert not gc.isenabled()
            raise ValueError
    assert gc.isenabled()


def test_paused_leaves_a_collector_that_was_off_off():
    gc.disable()
    try:
        with collector.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
