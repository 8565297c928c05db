"""Password rules as the NCSC advises: long enough, no composition rules, nothing common or
guessable."""

from __future__ import annotations

import pytest

from synergy.core.security import WeakPassword, check_password_strength


@pytest.mark.parametrize(
    "password",
    ["aaaaaaaaaaaa", "password1234", "qwertyuiop12", "123456789012", "sam.smith.1990"],
)
def test_common_and_patterned_passwords_are_refused(password: str) -> None:
    with pytest.raises(WeakPassword, match="too easy to guess"):
        check_password_strength(password, about_user=("sam.smith", "Sam Smith"))


@pytest.mark.parametrize(
    "password", ["purple otter lantern", "copper-kettle-marsh-harp", "glassy wombat orbit"]
)
def test_three_random_words_are_accepted_without_digits_or_symbols(password: str) -> None:
    check_password_strength(password)


def test_short_passwords_are_refused_with_the_length_named() -> None:
    with pytest.raises(WeakPassword, match="at least 12"):
        check_password_strength("Xk9#vQ2!")
