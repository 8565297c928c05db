"""The agent desktop: what contact staff do with a call the 101 assistant handed over.

`queue` (the live queue, waiting targets, skills-first offers), `desktop` (a taken call: chat
with the caller, notes, incidents, outcome), `callbacks` (the callback queue), `figures` and
`charts` (the supervisor's live view), `access` (who may read which conversation). Pages are in
`pages`, `supervisor_pages` and `live` (server-sent events); templates in
`templates/contact/desk/`.
"""
