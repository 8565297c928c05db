"""Partner control rooms: incidents exchanged with other agencies' command and control systems
in an XML exchange modelled on the Multi Agency Incident Transfer standard (docs/cad-partner.md).

Sends incidents opened here through the outbox with retries, receives partners' incidents
(each becomes exactly one incident here) and answers every message with an accept or reject
receipt. Talks to the rest of command and control only through `synergy.cad.service`.
"""
