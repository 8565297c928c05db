"""The rule layer's vocabulary: the words of high-risk calls, one module per kind of harm.

Each kind of harm (`domestic_abuse`, `suicide_self_harm`, `missing`, ...) holds its `PHRASES`;
`co_occurrence` holds the cues that fire when a *who* and a *what* come close together;
`timing` holds the words for danger happening now and for past events; `words` holds what
they share.

Patterns run over the *match form* (lower case, apostrophes dropped, single spaces, letters and
digits only), so "Don't", "dont" and "DON'T!" read the same, as speech recognition gives them.
Each phrase pattern is (rule name, regex, negatable). A negatable hit preceded by
"not/never/didn't..." is kept as a *negated* hit: it raises no vulnerability but still keeps the
caller with a person. Patterns that carry their own negation ("don't want to be here") are not
negatable.
"""
