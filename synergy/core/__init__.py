"""The shared core: settings, database, errors, security, access rules, audit log, events and
reference numbers. Services depend on the core; the core depends on no service."""
