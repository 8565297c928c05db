"""A call's turns are numbered 1, 2, 3... without reading its transcript: the call keeps the
number of its newest turn, and a database made before it did is brought up to date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select, text

from synergy.contact import service
from synergy.contact.dialogue import Channel
from synergy.contact.dialogue.state import ConversationState, Stage
from synergy.contact.models import ContactCall, ContactTurn
from synergy.core.db import make_engine, make_session_factory, upgrade, utcnow
from synergy.core.security import token_digest
from tests.contact.desk.helpers import LIMITS

TOKEN = "a-conversation-begun-before-the-upgrade"


def test_a_conversation_begun_before_the_upgrade_goes_on_numbering_its_turns(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'before.db'}"
    upgrade(url, "0013_contact_desk")
    engine = make_engine(url)
    now = (utcnow() - dt.timedelta(minutes=2)).isoformat()  # begun a moment ago
    state = ConversationState(channel=Channel.API, stage=Stage.ASK_REASON, caller_turns=1)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO contact_calls (id, token_digest, channel, started_at, updated_at, "
                "status, risk, vulnerabilities, handed_over, turn_count, state) VALUES (7, :d, "
                "'api', :now, :now, 'active', 'standard', '[]', 0, 1, :state)"
            ),
            {"d": token_digest(TOKEN), "now": now, "state": state.model_dump_json()},
        )
        for seq, (speaker, said) in enumerate(
            [("assistant", "Hello"), ("caller", "My bike was stolen"), ("assistant", "Where?")],
            start=1,
        ):
            connection.execute(
                text(
                    "INSERT INTO contact_turns (call_id, seq, at, speaker, text, reasons) "
                    "VALUES (7, :seq, :now, :speaker, :said, '[]')"
                ),
                {"seq": seq, "now": now, "speaker": speaker, "said": said},
            )
    upgrade(url)
    with make_session_factory(engine)() as session:
        assert session.get(ContactCall, 7).last_seq == 3  # type: ignore[union-attr]
        service.take_turn(session, token=TOKEN, text="Outside the library", limits=LIMITS)
        session.commit()
        seqs = session.execute(
            select(ContactTurn.seq).where(ContactTurn.call_id == 7).order_by(ContactTurn.seq)
        ).scalars()
        assert list(seqs) == [1, 2, 3, 4, 5]
    engine.dispose()
