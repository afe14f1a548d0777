import numpy as np
import pytest
from pydantic import BaseModel, ValidationError

from generator.config.distributions import Choice, Num, sample
from generator.config.models import Section


class M(Section):
    x: Num(0, 10) = 1.0


def draws(value, n=2000, lo=None, hi=None, seed=0):
    rng = np.random.default_rng(seed)
    return np.array([sample(M(x=value).x, rng, lo, hi) for _ in range(n)])


def test_constant_is_returned_as_is():
    assert set(draws(3.5, n=5)) == {3.5}


def test_uniform_stays_in_range_and_covers_it():
    x = draws({"uniform": [2, 4]})
    assert x.min() >= 2 and x.max() <= 4
    assert x.min() < 2.1 and x.max() > 3.9


def test_normal_mean_and_spread():
    x = draws({"normal": [5, 1]})
    assert abs(x.mean() - 5) < 0.1 and abs(x.std() - 1) < 0.1


def test_normal_is_clipped_to_field_range_by_draw():
    m = M(x={"normal": [9.5, 3]})
    rng = np.random.default_rng(1)
    x = np.array([m.draw("x", rng) for _ in range(500)])
    assert x.max() <= 10 and x.min() >= 0 and (x == 10).any()


def test_loguniform_is_uniform_in_log():
    x = draws({"loguniform": [0.1, 10]}, n=4000)
    assert x.min() >= 0.1 and x.max() <= 10
    assert abs(np.mean(np.log10(x))) < 0.05  # median near 1


def test_randint_includes_both_ends():
    rng = np.random.default_rng(0)

    class I(Section):  # noqa: E742
        n: Num(0, 10) = 0

    vals = {sample(I(n={"randint": [2, 4]}).n, rng) for _ in range(300)}
    assert vals == {2, 3, 4}


def test_choice_respects_weights():
    rng = np.random.default_rng(0)
    c = Choice(choice=["a", "b"], weights=[9, 1])
    picks = [sample(c, rng) for _ in range(2000)]
    assert 0.85 < picks.count("a") / 2000 < 0.95


def test_same_seed_same_draws_other_seed_differs():
    assert np.array_equal(draws({"uniform": [0, 1]}, n=10, seed=3), draws({"uniform": [0, 1]}, n=10, seed=3))
    assert not np.array_equal(
        draws({"uniform": [0, 1]}, n=10, seed=3), draws({"uniform": [0, 1]}, n=10, seed=4)
    )


@pytest.mark.parametrize(
    "value, fragment",
    [
        ({"uniform": [5, 1]}, "low 5 > high 1"),
        ({"normal": [1, -1]}, "sigma -1 < 0"),
        ({"loguniform": [0, 1]}, "must be > 0"),
        ({"choice": [1, 2], "weights": [1]}, "1 weights for 2 choices"),
        ({"gauss": [1, 2]}, "unknown distribution"),
        (42, "outside allowed range"),
        ({"uniform": [1, 42]}, "outside allowed range"),
    ],
)
def test_bad_distributions_are_rejected(value, fragment):
    with pytest.raises(ValidationError) as exc:
        M(x=value)
    assert fragment in str(exc.value)


def test_distribution_models_are_pydantic():
    assert issubclass(Choice, BaseModel)
