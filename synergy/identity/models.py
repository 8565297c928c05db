"""Tables for staff accounts and their server-side sessions."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from synergy.core.db import Base, UTCDateTime, utcnow
from synergy.core.roles import Role


class User(Base):
    __tablename__ = "identity_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320), default=None)
    password_hash: Mapped[str] = mapped_column(String(255))
    roles_text: Mapped[str] = mapped_column("roles", String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    password_changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The authenticator app's secret, encrypted under the platform's secret key; confirmed
    # once the user has typed a code from it. The last time step used stops a code's replay.
    totp_secret: Mapped[str | None] = mapped_column(String(200), default=None)
    totp_confirmed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)
    totp_last_step: Mapped[int | None] = mapped_column(Integer, default=None)

    sessions: Mapped[list[UserSession]] = relationship(back_populates="user")

    @property
    def roles(self) -> frozenset[Role]:
        return frozenset(Role(name) for name in self.roles_text.split(",") if name)

    @roles.setter
    def roles(self, value: frozenset[Role] | set[Role]) -> None:
        self.roles_text = ",".join(sorted(role.value for role in value))


class UserSession(Base):
    __tablename__ = "identity_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("identity_users.id", ondelete="CASCADE"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)
    ip_address: Mapped[str | None] = mapped_column(String(64), default=None)

    user: Mapped[User] = relationship(back_populates="sessions")


class SignInThrottle(Base):
    """Failed sign-ins counted per window, by username and address together, by address and
    by username (whether or not such a user exists)."""

    __tablename__ = "identity_sign_in_throttle"
    __table_args__ = (UniqueConstraint("scope", "subject"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(20))
    subject: Mapped[str] = mapped_column(String(300))
    window_started: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    failures: Mapped[int] = mapped_column(Integer, default=0)
