"""The statistical layer: one TF-IDF feature space (word 1-2-grams + character 2-5-grams) feeding
a multinomial logistic regression for intent and one-vs-rest logistic regressions for each
vulnerability. The fitted artefact ships in `data/` and is built by `scripts/train_triage.py`."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import joblib
import numpy as np

from .normalise import match_form, word_set
from .types import Intent, Vulnerability

ARTEFACT_NAME = "triage_model.joblib"
FORMAT_VERSION = 3  # 2: with the contrast classifiers (round 6); 3: their characters (round 7)


def model_text(text: str) -> str:
    """What the model sees: the same match form the rules use, so typed and speech-style text
    share features ("I'm" and "im" become one token)."""
    return match_form(text).text


# Words that say nothing about harm by themselves: a model reading pushed up only by these
# ("I was robbed" read as a sexual offence because of "I" and "was") has no words to show.
# A longer list of everyday words ("tell", "good", "time") cost held-out recall; not kept.
FUNCTION_WORDS = word_set(
    "i im ive id ill me my mine myself you your youre he hes him his she shes her hers they "
    "theyre them their we were our us it its a an the and or but so of to in on at for from "
    "with by about as is are was be been being am do does did have has had having will would "
    "can could should shall may might must not no yes this that these those there here what "
    "when where who why how which just very really all any some one up out over off then than "
    "too also if s t d ll ve re m get got go going gone like um er erm yeah oh ok okay please "
    "hi hello thanks thank"
)

# Words never quoted as the danger: they say how a call is told, not what happened ("there's
# a", "that's" open emergencies and everyday calls alike).
DANGER_STOP_WORDS = FUNCTION_WORDS | word_set("theres thats whats heres")

# A vulnerability that is itself one of the intents.
VULNERABILITY_INTENTS = {Vulnerability.DOMESTIC_ABUSE: Intent.DOMESTIC_ABUSE}


Part = tuple[Any, dict[str, int], np.ndarray, int]  # analyser, vocabulary, idf, column offset


def tfidf_features(parts: list[Part], doc: str) -> tuple[np.ndarray, np.ndarray]:
    """The columns and values of `doc`'s TF-IDF features over fitted vectorisers joined side by
    side (each block sublinear and L2-normalised, as scikit-learn fits them), without building
    a sparse matrix: a dense product against the few rows they name is the fast path."""
    cols: list[np.ndarray] = []
    vals: list[np.ndarray] = []
    for analyse, vocab, idf, offset in parts:
        counts: dict[int, int] = {}
        for gram in analyse(doc):
            j = vocab.get(gram)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        if not counts:
            continue
        idx = np.fromiter(counts, dtype=np.int64, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        v = (1.0 + np.log(tf)) * idf[idx]  # sublinear tf, as fitted
        cols.append(idx + offset)
        vals.append(v / np.sqrt(v @ v))
    if not cols:
        return np.empty(0, dtype=np.int64), np.empty(0)
    return np.concatenate(cols), np.concatenate(vals)


@dataclass(frozen=True)
class Prediction:
    intent: Intent
    confidence: float
    vulnerability_scores: dict[Vulnerability, float]


class TriageModel:
    """Holds the fitted scikit-learn objects and a fast scorer over them.

    Scoring one utterance through scikit-learn costs ~4 ms, mostly per-call overhead (sparse
    matrix assembly, input validation, one call per classifier). The fast path computes the same
    TF-IDF features with the fitted analysers and vocabularies, then one dense product against
    all classifiers' weights stacked together: well under 1 ms. `predict_slow` keeps the
    reference path, and a test checks that the two agree."""

    def __init__(self, artefact: dict[str, Any]) -> None:
        if artefact.get("format") != FORMAT_VERSION:
            raise ValueError("triage model artefact has an unknown format; retrain it")
        self.vectoriser = artefact["vectoriser"]
        self.intent_clf = artefact["intent_clf"]
        self.vuln_clfs: dict[Vulnerability, Any] = {
            Vulnerability(k): v for k, v in artefact["vuln_clfs"].items()
        }
        self.thresholds: dict[Vulnerability, float] = {
            Vulnerability(k): float(v) for k, v in artefact["thresholds"].items()
        }
        self.meta: dict[str, Any] = artefact.get("meta", {})
        self.contrast = ContrastReader(artefact["contrast_vectoriser"], artefact["danger_clf"],
                                     artefact["risk_clf"])
        self.intents = [Intent(c) for c in self.intent_clf.classes_]
        self._vulns = list(self.vuln_clfs)
        weights = [self.intent_clf.coef_] + [c.coef_ for c in self.vuln_clfs.values()]
        biases = [self.intent_clf.intercept_] + [c.intercept_ for c in self.vuln_clfs.values()]
        self._w = np.ascontiguousarray(np.vstack(weights).T)  # (features, outputs)
        self._b = np.concatenate(biases)
        self._parts: list[Part] = []
        # single words the model was trained on: real spellings, never "corrected"
        word_vocab = self.vectoriser.transformer_list[0][1].vocabulary_
        self.known_words = frozenset(g for g in word_vocab if " " not in g)
        offset = 0
        for _, vec in self.vectoriser.transformer_list:
            self._parts.append((vec.build_analyzer(), vec.vocabulary_, vec.idf_, offset))
            offset += len(vec.vocabulary_)

    def _scores(self, text: str) -> np.ndarray:
        cols, vals = tfidf_features(self._parts, model_text(text))
        if not len(cols):
            return self._b.copy()
        scores: np.ndarray = vals @ self._w[cols] + self._b
        return scores

    def predict(self, text: str) -> Prediction:
        raw = self._scores(text)
        n = len(self.intents)
        logits = raw[:n] - raw[:n].max()
        probs = np.exp(logits) / np.exp(logits).sum()
        best = int(np.argmax(probs))
        sig = 1.0 / (1.0 + np.exp(-raw[n:]))
        scores = {v: float(s) for v, s in zip(self._vulns, sig, strict=True)}
        return self._prediction(self.intents[best], probs, scores)

    def predict_slow(self, text: str) -> Prediction:
        x = self.vectoriser.transform([model_text(text)])
        probs = self.intent_clf.predict_proba(x)[0]
        best = int(np.argmax(probs))
        scores = {v: float(clf.predict_proba(x)[0, 1]) for v, clf in self.vuln_clfs.items()}
        return self._prediction(Intent(self.intent_clf.classes_[best]), probs, scores)

    def _prediction(
        self, intent: Intent, probs: np.ndarray, scores: dict[Vulnerability, float]
    ) -> Prediction:
        """Both classifiers were trained on the same cases, and a domestic abuse *intent* is a
        disclosure of domestic abuse: the vulnerability's score is the higher of the two, so
        the intent model's reading of a wording the one-vs-rest model missed still counts."""
        for vuln, implied in VULNERABILITY_INTENTS.items():
            if implied in self.intents:
                p = float(probs[self.intents.index(implied)])
                scores[vuln] = max(scores.get(vuln, 0.0), p)
        return Prediction(intent, float(probs.max()), scores)

    def strongest_words(self, text: str, label: Intent | Vulnerability, limit: int = 3) -> str:
        """The caller's words that pushed this score up most: the word 1-2-grams (with at least
        one word not in `FUNCTION_WORDS`) with the largest positive share of the label's score,
        in the caller's own spelling and order.
        So a model's reading names the words behind it, like a rule's evidence does. Empty
        when no word feature counted for the label (character n-grams alone carried it)."""
        mt = match_form(text)
        analyse, vocab, idf, offset = self._parts[0]  # the word n-gram space
        column = self._column(label)
        counts: dict[str, int] = {}
        for gram in analyse(mt.text):
            if gram in vocab:
                counts[gram] = counts.get(gram, 0) + 1
        pushes = sorted(
            ((1.0 + np.log(n)) * idf[vocab[g]] * self._w[offset + vocab[g], column], g)
            for g, n in counts.items()
        )
        grams = [
            g for push, g in reversed(pushes) if push > 0 and not set(g.split()) <= FUNCTION_WORDS
        ][:limit]
        return _quote(mt, grams)

    def _column(self, label: Intent | Vulnerability) -> int:
        if isinstance(label, Vulnerability):
            return len(self.intents) + self._vulns.index(label)
        return self.intents.index(label)

    def vulnerability_scores(self, texts: list[str]) -> list[dict[Vulnerability, float]]:
        return [self.predict(t).vulnerability_scores for t in texts]


class ContrastReader:
    """Two readings kept apart from the intent model (round 6), over one TF-IDF space of their
    own: *danger now* and *any risk* a person should hear ahead of the queue. Each is one
    logistic regression trained on the 101 cases and on the spent batches' emergencies, civil
    accounts and everyday calls with alarming words (`training.contrast_examples`), so it has
    met everyday senses of risk words that the intent model never saw, and what it learns
    cannot move any vulnerability score. The space is word 1-2-grams (round 6) joined by
    character 2-5-grams within words (round 7: misheard and misspelt words share most of their
    characters). Fast path as in `TriageModel`; the words quoted as danger are the word
    features' (`words`)."""

    def __init__(self, vectoriser: Any, danger_clf: Any, risk_clf: Any) -> None:
        self.vectoriser = vectoriser
        self.clf = danger_clf
        self.risk_clf = risk_clf
        blocks = [v for _, v in vectoriser.transformer_list]
        self._w: np.ndarray = np.ascontiguousarray(
            np.vstack([danger_clf.coef_[0], risk_clf.coef_[0]]).T)  # (features, 2)
        self._b = np.array([danger_clf.intercept_[0], risk_clf.intercept_[0]])
        self._parts: list[Part] = []
        offset = 0
        for vec in blocks:
            self._parts.append((vec.build_analyzer(), vec.vocabulary_, vec.idf_, offset))
            offset += len(vec.vocabulary_)
        # the word block (first): what `words` quotes
        self._analyse, self._vocab, self._idf, _ = self._parts[0]

    def _counts(self, doc: str) -> dict[str, int]:
        counts: dict[str, int] = {}
        for gram in self._analyse(doc):
            if gram in self._vocab:
                counts[gram] = counts.get(gram, 0) + 1
        return counts

    def _probabilities(self, text: str) -> np.ndarray:
        cols, vals = tfidf_features(self._parts, model_text(text))
        raw = self._b + vals @ self._w[cols] if len(cols) else self._b.copy()
        probabilities: np.ndarray = 1.0 / (1.0 + np.exp(-raw))
        return probabilities

    def score(self, text: str) -> float:
        """Probability that the text describes danger now (or just now)."""
        return float(self._probabilities(text)[0])

    def risk(self, text: str) -> float:
        """Probability that the text tells of a risk (a vulnerability, a risk intent, danger)
        rather than an everyday or civil matter."""
        return float(self._probabilities(text)[1])

    def score_slow(self, text: str) -> float:
        return float(self.clf.predict_proba(self.vectoriser.transform([model_text(text)]))[0, 1])

    def risk_slow(self, text: str) -> float:
        x = self.vectoriser.transform([model_text(text)])
        return float(self.risk_clf.predict_proba(x)[0, 1])

    def words(self, text: str, limit: int = 3) -> str:
        """The caller's words that pushed the danger score up most (as
        `TriageModel.strongest_words`); empty when only function words did."""
        mt = match_form(text)
        counts = self._counts(mt.text)
        pushes = sorted(
            ((1.0 + np.log(n)) * self._idf[self._vocab[g]] * self._w[self._vocab[g], 0], g)
            for g, n in counts.items()
        )
        grams = [
            g for push, g in reversed(pushes)
            if push > 0 and not set(g.split()) <= DANGER_STOP_WORDS
        ][:limit]
        return _quote(mt, grams)


def _quote(mt: Any, grams: list[str]) -> str:
    """The grams in the caller's own spelling and order, adjacent ones joined into one quote
    ("my husband" and "husband is" show as "my husband is")."""
    spans: list[tuple[int, int]] = []
    for gram in grams:
        at = re.search(rf"\b{re.escape(gram)}\b", mt.text)
        if at:
            spans.append(at.span())
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return " … ".join(mt.words_at(start, end) for start, end in merged)


@lru_cache(maxsize=1)
def load_model() -> TriageModel | None:
    """The packaged model, or None when the artefact is absent (rules still run; every call then
    goes to a person because intent is unknown)."""
    ref = resources.files(__package__).joinpath("data", ARTEFACT_NAME)
    if not ref.is_file():
        return None
    return TriageModel(joblib.load(io.BytesIO(ref.read_bytes())))
