"""Suggest SPIRAL codes for statements, learned from the municipality's own coded statements.

Pure Python and scikit-learn: no Django models here, the caller passes plain lists of texts and
codes. The model is a TF-IDF of character n-grams (3 to 5 characters inside word boundaries,
which copes well with Romanian inflection: "locuință", "locuinței", "locuințele" share most
n-grams) followed by one logistic regression per code (one-vs-rest), so a statement can receive
several codes and each suggestion carries its own predicted probability as confidence.

Also here: :func:`evaluate` for an honest accuracy figure on held-out statements and
:func:`cohen_kappa_per_family` for the agreement between two coders, per SPIRAL family.
"""

import hashlib
import pickle
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
import sklearn
from django.utils.translation import gettext as _
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MultiLabelBinarizer

MIN_STATEMENTS = 20
MIN_CODES = 2
MIN_EXAMPLES_PER_CODE = 2
MAX_FEATURES = 50_000
# Inverse regularisation strength; statements are short, so a fairly weak penalty lets the
# few distinctive n-grams of a code carry enough weight to give useful confidences.
REGULARISATION_C = 10.0

_FORMAT = 1
# Cedilla letters (legacy encodings, old keyboards) -> the correct comma-below letters.
_CEDILLA_TO_COMMA = str.maketrans("\u015f\u015e\u0163\u0162", "\u0219\u0218\u021b\u021a")


class NotEnoughData(Exception):  # noqa: N818 - the name reads as the situation it reports
    """Too few coded statements (or distinct codes) to learn suggestions from."""


class IncompatibleModel(ValueError):
    """Stored model bytes that this code (or this scikit-learn version) cannot use: retrain."""


@dataclass(frozen=True)
class Suggestion:
    code: str
    confidence: float  # predicted probability, 0..1


@dataclass(frozen=True)
class Evaluation:
    train_count: int
    test_count: int
    top1_accuracy: float  # share of held-out statements whose best suggestion is a true code
    top3_accuracy: float  # share of held-out statements with a true code among the top 3


def normalise_for_model(text: str) -> str:
    """Lowercase, NFC-compose, fold cedilla ş/ţ into comma-below ș/ț, collapse whitespace.

    Diacritics are kept (they are informative and most staff type them); only the two
    encodings of ș and ț are unified so that the same word always yields the same n-grams.
    """
    text = unicodedata.normalize("NFC", text or "").translate(_CEDILLA_TO_COMMA)
    return " ".join(text.lower().split())


def _clean_codes(codes) -> list[str]:
    return sorted({str(code).strip().upper() for code in codes or () if str(code).strip()})


def _coded_statements(texts: list[str], labels: list[list[str]]) -> tuple[list[str], list[list]]:
    """Keep the statements that have text and at least one code, normalised."""
    if len(texts) != len(labels):
        raise ValueError("texts and labels must have the same length")
    kept_texts, kept_labels = [], []
    for text, codes in zip(texts, labels, strict=True):
        text, codes = normalise_for_model(text), _clean_codes(codes)
        if text and codes:
            kept_texts.append(text)
            kept_labels.append(codes)
    return kept_texts, kept_labels


def _drop_rare_codes(texts: list[str], labels: list[list[str]]) -> tuple[list[str], list[list]]:
    """Drop codes with fewer than MIN_EXAMPLES_PER_CODE examples, then statements left bare.

    One example is not enough to learn a code from, and would only add noise; such codes are
    simply never suggested until a second statement is coded with them.
    """
    counts: dict[str, int] = {}
    for codes in labels:
        for code in codes:
            counts[code] = counts.get(code, 0) + 1
    kept_texts, kept_labels = [], []
    for text, codes in zip(texts, labels, strict=True):
        codes = [code for code in codes if counts[code] >= MIN_EXAMPLES_PER_CODE]
        if codes:
            kept_texts.append(text)
            kept_labels.append(codes)
    return kept_texts, kept_labels


def _check_enough(texts: list[str], labels: list[list[str]], min_statements: int) -> None:
    distinct = len({code for codes in labels for code in codes})
    if len(texts) < min_statements or distinct < MIN_CODES:
        raise NotEnoughData(
            _(
                "Suggestions need at least %(statements)d coded statements and %(codes)d "
                "different codes (each used at least %(examples)d times); there are "
                "%(have_statements)d usable statements and %(have_codes)d codes."
            )
            % {
                "statements": min_statements,
                "codes": MIN_CODES,
                "examples": MIN_EXAMPLES_PER_CODE,
                "have_statements": len(texts),
                "have_codes": distinct,
            }
        )


def _build_pipeline() -> Pipeline:
    return Pipeline(
        [
            (
                "tfidf",
                TfidfVectorizer(
                    analyzer="char_wb",
                    ngram_range=(3, 5),
                    sublinear_tf=True,
                    min_df=1,
                    lowercase=True,
                    strip_accents=None,
                    max_features=MAX_FEATURES,
                    dtype=np.float32,
                ),
            ),
            (
                "clf",
                OneVsRestClassifier(
                    # liblinear: fast and single-threaded on small sparse binary problems.
                    LogisticRegression(max_iter=1000, C=REGULARISATION_C, solver="liblinear")
                ),
            ),
        ]
    )


class CodingModel:
    """A trained suggester. Build it with :meth:`train` or :meth:`from_bytes`.

    Attributes: ``version`` (12 hex characters of the SHA-256 of the fitted model),
    ``trained_on`` (statements actually used for training), ``codes`` (codes it can suggest),
    ``trained_at`` (UTC datetime) and ``accuracy``, which is None until the caller sets it,
    typically to :func:`evaluate`'s ``top1_accuracy``, before storing the model.
    """

    def __init__(self, pipeline: Pipeline, binarizer: MultiLabelBinarizer, trained_on: int):
        self._pipeline = pipeline
        self._binarizer = binarizer
        self._blob = pickle.dumps((pipeline, binarizer), protocol=pickle.HIGHEST_PROTOCOL)
        self.version = hashlib.sha256(self._blob).hexdigest()[:12]
        self.codes: tuple[str, ...] = tuple(binarizer.classes_)
        self.trained_on = trained_on
        self.trained_at = datetime.now(UTC)
        self.accuracy: float | None = None

    @classmethod
    def train(cls, texts: list[str], labels: list[list[str]]) -> "CodingModel":
        """Learn from coded statements; ``labels[i]`` holds the codes of ``texts[i]``.

        Statements without text or without codes are ignored. Codes with fewer than
        ``MIN_EXAMPLES_PER_CODE`` (2) examples are dropped from training (and statements left
        without any code with them). Raises :class:`NotEnoughData` if fewer than
        ``MIN_STATEMENTS`` (20) statements or fewer than 2 distinct codes remain.
        """
        return cls._fit(*_coded_statements(texts, labels), min_statements=MIN_STATEMENTS)

    @classmethod
    def _fit(cls, texts: list[str], labels: list[list[str]], min_statements: int):
        texts, labels = _drop_rare_codes(texts, labels)
        _check_enough(texts, labels, min_statements)
        binarizer = MultiLabelBinarizer()
        y = binarizer.fit_transform(labels)
        pipeline = _build_pipeline()
        pipeline.fit(texts, y)
        for estimator in pipeline.named_steps["clf"].estimators_:
            # Halve the stored size (codes x up to 50,000 weights); predictions change < 1e-6.
            if hasattr(estimator, "coef_"):
                estimator.coef_ = estimator.coef_.astype(np.float32)
        return cls(pipeline, binarizer, trained_on=len(texts))

    def suggest(
        self, texts: list[str], top: int = 3, min_confidence: float = 0.0
    ) -> list[list[Suggestion]]:
        """For each text, up to ``top`` suggestions with confidence >= ``min_confidence``.

        Sorted by confidence, highest first (ties by code). Blank texts get no suggestions.
        """
        results: list[list[Suggestion]] = [[] for _text in texts]
        normalised = [normalise_for_model(text) for text in texts]
        rows = [i for i, text in enumerate(normalised) if text]
        if not rows or top <= 0:
            return results
        probabilities = self._pipeline.predict_proba([normalised[i] for i in rows])
        for row, probs in zip(rows, np.asarray(probabilities), strict=True):
            ranked = sorted(
                zip(self.codes, probs.tolist(), strict=True), key=lambda cp: (-cp[1], cp[0])
            )
            results[row] = [
                Suggestion(code=code, confidence=float(conf))
                for code, conf in ranked[:top]
                if conf >= min_confidence
            ]
        return results

    def to_bytes(self) -> bytes:
        """Serialise for storage in our database; the fitted estimators are pickled separately
        so that :meth:`from_bytes` can check the format and scikit-learn version first."""
        payload = {
            "format": _FORMAT,
            "sklearn": sklearn.__version__,
            "version": self.version,
            "trained_on": self.trained_on,
            "trained_at": self.trained_at,
            "accuracy": self.accuracy,
            "model": self._blob,
        }
        return pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)

    @classmethod
    def from_bytes(cls, data: bytes) -> "CodingModel":
        """Rebuild a model from :meth:`to_bytes` output; raise :class:`IncompatibleModel` if the
        bytes are not such output or come from another scikit-learn version (then retrain).

        Security: unpickling can execute code, so this must only ever be given bytes that we
        produced ourselves with :meth:`to_bytes` and stored in our own database, never bytes
        uploaded or otherwise supplied by a user.
        """
        try:
            payload = pickle.loads(data)  # noqa: S301 - only our own stored bytes, see above
        except Exception as exc:
            raise IncompatibleModel(_("The stored suggestion model cannot be read.")) from exc
        if not isinstance(payload, dict) or payload.get("format") != _FORMAT:
            raise IncompatibleModel(_("The stored suggestion model has an unknown format."))
        if payload.get("sklearn") != sklearn.__version__:
            raise IncompatibleModel(
                _(
                    "The stored suggestion model was trained with scikit-learn %(stored)s, "
                    "this server runs %(current)s; please retrain it."
                )
                % {"stored": payload.get("sklearn"), "current": sklearn.__version__}
            )
        blob = payload["model"]
        model = cls.__new__(cls)
        model._pipeline, model._binarizer = pickle.loads(blob)  # noqa: S301 - our own bytes
        model._blob = blob
        model.version = payload["version"]
        model.codes = tuple(model._binarizer.classes_)
        model.trained_on = payload["trained_on"]
        model.trained_at = payload["trained_at"]
        model.accuracy = payload["accuracy"]
        return model


def evaluate(
    texts: list[str], labels: list[list[str]], test_size: float = 0.2, seed: int = 42
) -> Evaluation:
    """Hold out ``test_size`` of the coded statements, train on the rest, score the held out.

    The split is deterministic for a given ``seed`` and stratified by each statement's first
    code when the data allows it. The same :class:`NotEnoughData` rule as :meth:`CodingModel.
    train` applies to the whole set; the training part may then be smaller than 20. Held-out
    statements whose codes never occur in the training part count as misses (honest figure).
    """
    texts, labels = _coded_statements(texts, labels)
    _check_enough(*_drop_rare_codes(texts, labels), min_statements=MIN_STATEMENTS)
    indices = list(range(len(texts)))
    try:
        train_idx, test_idx = train_test_split(
            indices, test_size=test_size, random_state=seed, stratify=[c[0] for c in labels]
        )
    except ValueError:  # a code too rare to stratify on, or fewer test rows than codes
        train_idx, test_idx = train_test_split(indices, test_size=test_size, random_state=seed)
    model = CodingModel._fit(
        [texts[i] for i in train_idx], [labels[i] for i in train_idx], min_statements=1
    )
    suggestions = model.suggest([texts[i] for i in test_idx], top=3)
    top1 = top3 = 0
    for i, suggested in zip(test_idx, suggestions, strict=True):
        truth = set(labels[i])
        codes = [s.code for s in suggested]
        top1 += bool(codes[:1]) and codes[0] in truth
        top3 += any(code in truth for code in codes[:3])
    n = len(test_idx)
    return Evaluation(
        train_count=len(train_idx),
        test_count=n,
        top1_accuracy=top1 / n if n else 0.0,
        top3_accuracy=top3 / n if n else 0.0,
    )


def cohen_kappa_per_family(pairs: list[tuple[set[str], set[str]]]) -> dict[str, float | None]:
    """Cohen's kappa between two coders, per SPIRAL family (first letter of a code).

    Each pair holds (codes by coder 1, codes by coder 2) for one statement coded by both. Per
    family, each coder's rating of a statement is "assigned any code of this family". Returns
    1.0 when both coders' ratings are identical (including both constant), None when kappa is
    otherwise undefined. Keys are sorted (A..H).
    """
    pairs = [(set(_clean_codes(a)), set(_clean_codes(b))) for a, b in pairs]
    families = sorted({code[0] for a, b in pairs for code in a | b})
    result: dict[str, float | None] = {}
    n = len(pairs)
    for family in families:
        r1 = [any(code[0] == family for code in a) for a, _b in pairs]
        r2 = [any(code[0] == family for code in b) for _a, b in pairs]
        if r1 == r2:
            result[family] = 1.0
            continue
        observed = sum(x == y for x, y in zip(r1, r2, strict=True)) / n
        p1, p2 = sum(r1) / n, sum(r2) / n
        expected = p1 * p2 + (1 - p1) * (1 - p2)
        result[family] = None if expected >= 1 else (observed - expected) / (1 - expected)
    return result
