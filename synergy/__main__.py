"""`python -m synergy` is the `synergy` command."""

from synergy.cli import main

main()
