"""Spotting a caller who is not speaking English, so they reach a person (and an interpreter)
instead of an assistant that cannot understand them.

Two cheap signals, no model: the writing system (Arabic script, Gurmukhi, Bengali, ...) and, for
Latin script (typed or romanised text, or speech recognised as words), how many words are common
function words of another language and not English ones."""

from __future__ import annotations

import re

from .normalise import word_set as _words

# (first code point, last code point, ISO 639-1 code). Arabic script is split later (ur vs ar).
_SCRIPTS: tuple[tuple[int, int, str], ...] = (
    (0x0600, 0x06FF, "arabic"), (0x0750, 0x077F, "arabic"), (0xFB50, 0xFDFF, "arabic"),
    (0xFE70, 0xFEFF, "arabic"), (0x0A00, 0x0A7F, "pa"), (0x0980, 0x09FF, "bn"),
    (0x0900, 0x097F, "hi"), (0x0A80, 0x0AFF, "gu"), (0x0B80, 0x0BFF, "ta"),
    (0x0400, 0x04FF, "cyrillic"), (0x0370, 0x03FF, "el"), (0x0590, 0x05FF, "he"),
    (0x4E00, 0x9FFF, "zh"), (0x3040, 0x30FF, "ja"), (0xAC00, 0xD7AF, "ko"),
    (0x0E00, 0x0E7F, "th"), (0x1200, 0x137F, "am"), (0x10A0, 0x10FF, "ka"),
    (0x0530, 0x058F, "hy"), (0x0D80, 0x0DFF, "si"), (0x0C00, 0x0C7F, "te"),
)
# Letters Urdu uses and Arabic does not (retroflex t/d/r, noon ghunna, bari ye, do-chashmi he).
_URDU_LETTERS = frozenset("ٹڈڑںےہھ")
_UKRAINIAN_LETTERS = frozenset("іїєґІЇЄҐ")

# Common words of each language that are not also common English words. Romanised Urdu/Punjabi
# matter: many callers type them, and speech recognition may transcribe them as these spellings.
_STOPWORDS: dict[str, frozenset[str]] = {
    "pl": _words(
        "nie jest się że mój moja moje mam jestem tak jak ale czy pan pani proszę prosze pomocy "
        "pomoc policja policji dzień dobry dziękuję dziekuje mnie mój mąż maz żona zona ktoś ktos "
        "teraz został zostal gdzie przez jego jej dom domu"
    ),
    "ro": _words(
        "este sunt și si nu vă va rog poliția politia ajutor bună buna ziua mea meu soțul sotul "
        "soția sotia acasă acasa copilul pentru care fost vreau unde ce cu mă ma"
    ),
    "ur": _words(
        "mujhe mera meri mere hai hain nahi nahin kya aap ap madad chahiye kar raha rahi bohat "
        "bahut ghar shohar biwi beta beti kyun kyunke abhi yahan wahan hua"
    ),
    "pa": _words(
        "tusi tuhanu mainu menu kiddan ki haal haan nahi naheen mera meri ghar vich da di de nu "
        "ne sadi sada kithe hun bahut madad karo chahida"
    ),
    "es": _words(
        "el la los las es está esta estoy ayuda por favor policía policia mi mis que hola gracias "
        "donde dónde tengo necesito mujer marido hijo hija"
    ),
    "pt": _words(
        "não nao você voce obrigado obrigada ajuda polícia meu minha estou preciso marido filho "
        "filha onde está uma"
    ),
    "fr": _words(
        "je suis est pas les une mon mari femme fils fille aidez aide moi bonjour merci vous "
        "police s'il il elle"
    ),
    "it": _words(
        "sono non il mio mia aiuto aiutatemi polizia grazie buongiorno marito moglie figlio "
        "figlia dove che"
    ),
    "lt": _words("aš as mano ne yra labas ačiū aciu pagalbos policija vyras žmona"),
    "so": _words("waan waxaan aan iyo ayaa ku caawimaad booliska nabad gelin"),
    "tr": _words("ben benim bir ve yardım yardim polis evet hayır hayir lütfen lutfen"),
    "ar": _words("ana inta shukran min fadlak musaada shurta"),
}
# Words that look foreign but are everyday English (or English ASR output); never count them.
_ENGLISH = _words(
    "i a the to and of in is it my me he she we you they on at for with not no was be have "
    "has this that there here do did can will would could please help police am are so but if "
    "or hi hello yes ok okay sir madam son man men time care pan home same come"
)
_DIACRITIC_LANG: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset("ąćęłńśźżĄĆĘŁŃŚŹŻ"), "pl"),
    (frozenset("ăâîșțşţĂÂÎȘȚŞŢ"), "ro"),
    (frozenset("ėįšųūžčĖĮŠŲŪŽČ"), "lt"),
    (frozenset("ğışĞİŞ"), "tr"),
    (frozenset("ãõçÃÕÇ"), "pt"),
    (frozenset("ñ¿¡Ñ"), "es"),
)
_INTERPRETER = re.compile(
    r"\b(?:interpreter|translator|translation|speak|speaks|speaking|in)\s+"
    r"(polish|urdu|punjabi|panjabi|arabic|romanian|bengali|bangla|somali|lithuanian|"
    r"portuguese|spanish|french|italian|turkish|kurdish|farsi|persian|tigrinya|pashto|"
    r"mandarin|cantonese|chinese|hindi|gujarati|tamil|russian|ukrainian|albanian)\b"
)
_INTERPRETER_CUE = re.compile(r"\b(?:interpreter|translator|no english|not much english|"
                              r"dont speak english|little english|english not good)\b")
_NAMED: dict[str, str] = {
    "polish": "pl", "urdu": "ur", "punjabi": "pa", "panjabi": "pa", "arabic": "ar",
    "romanian": "ro", "bengali": "bn", "bangla": "bn", "somali": "so", "lithuanian": "lt",
    "portuguese": "pt", "spanish": "es", "french": "fr", "italian": "it", "turkish": "tr",
    "kurdish": "ku", "farsi": "fa", "persian": "fa", "tigrinya": "ti", "pashto": "ps",
    "mandarin": "zh", "cantonese": "zh", "chinese": "zh", "hindi": "hi", "gujarati": "gu",
    "tamil": "ta", "russian": "ru", "ukrainian": "uk", "albanian": "sq",
}
_WORD = re.compile(r"[^\W\d_]+")
_BEYOND_LATIN = re.compile(r"[^\u0000-\u036f]")


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the caller's language when it does not look like English, else None."""
    if not text.strip():
        return None
    by_script = _by_script(text)
    if by_script:
        return by_script
    return _by_words(text) or _asked_for_interpreter(text.lower())


def _by_script(text: str) -> str | None:
    counts: dict[str, int] = {}
    # every script above starts at U+0370 or later: only those characters need a look, which
    # keeps a long typed message (thousands of Latin letters) cheap
    for ch in _BEYOND_LATIN.findall(text):
        if not ch.isalpha():
            continue
        code = ord(ch)
        for first, last, name in _SCRIPTS:
            if first <= code <= last:
                counts[name] = counts.get(name, 0) + 1
                break
    if not counts:
        return None
    name, count = max(counts.items(), key=lambda kv: kv[1])
    # one stray symbol in English text is not a language
    if count < 2 and sum(ch.isalpha() for ch in text) > 3:
        return None
    if name == "arabic":
        return "ur" if any(ch in _URDU_LETTERS for ch in text) else "ar"
    if name == "cyrillic":
        return "uk" if any(ch in _UKRAINIAN_LETTERS for ch in text) else "ru"
    return name


def _by_words(text: str) -> str | None:
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return None
    english = sum(1 for w in words if w in _ENGLISH)
    scores = {
        lang: sum(1 for w in words if w in vocab and w not in _ENGLISH)
        for lang, vocab in _STOPWORDS.items()
    }
    for letters, lang in _DIACRITIC_LANG:
        if any(ch in letters for ch in text):
            scores[lang] = scores.get(lang, 0) + 2
    lang, score = max(scores.items(), key=lambda kv: kv[1])
    # Needs several foreign words and more of them than English function words, so that
    # "my mum is polish" or a Polish street name stays English.
    if score >= 2 and score >= 0.25 * len(words) and score > english:
        return lang
    return None


def _asked_for_interpreter(lower: str) -> str | None:
    if not _INTERPRETER_CUE.search(lower):
        return None
    named = _INTERPRETER.search(lower)
    return _NAMED[named.group(1)] if named else "und"  # "und": undetermined (ISO 639-2)
