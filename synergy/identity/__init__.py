"""Staff accounts, roles and signed-in sessions. Other modules use `service` and
`synergy.core.deps`, never these tables."""
