"""stancer: where does each State stand on autonomous weapons, and why?

The same pipeline as the ``stancer`` command line, from Python: the
classification runs in the Rust library (nothing of it is rewritten in
Python), and every result is the JSON the command line prints, as Python
dicts and lists.

>>> import stancer
>>> docs = stancer.classify("corpus")                  # as `stancer classify corpus`
>>> docs[0]["id"], docs[0]["questions"]["instrument"]["label"]
('VLR', 'support')
>>> stancer.tally(docs, by="state")["regulation"]["counts"]
{'support': 19, 'oppose': 2, 'undecided': 6, 'unsupported_language': 0}
>>> frame = stancer.to_dataframe(docs)                 # needs pandas
>>> frame.shape
(60, 12)

Functions
---------
classify(source, *, lexicons=None, threads=0, keep_going=False)
    A corpus (folder, JSON Lines file) or records (dicts) in, labelled documents out.
tally(documents, *, question=None, by="submission", policy="own", flagged=False)
    Counts per label and question, by submission or by State.
evaluate(documents, gold, *, question=None, seed=42, resamples=1000)
    Against hand labels: precision, recall, F1, kappa, confidence intervals, disagreements.
to_dataframe(documents)
    One row per document and question (the CSV columns), as a pandas DataFrame.
lexicon_check(path)
    Problems of a lexicon file, with their lines.

Errors raise :class:`StancerError` (a ``ValueError``) with the command line's
message; warnings (unknown manifest columns, documents skipped with
``keep_going``, ids on one side only) are issued as :class:`StancerWarning`.
"""

from __future__ import annotations

import json
import os
import warnings
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Mapping, Optional, Sequence, Union

try:
    from . import _stancer
except ImportError as _e:  # pragma: no cover - only without the compiled module
    raise ImportError(
        "stancer's compiled module is missing: install the package with `pip install ./python` "
        "(from the repository root), and do not run Python from inside python/ where the "
        f"uncompiled sources shadow it ({_e})"
    ) from _e

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = [
    "COLUMNS",
    "Documents",
    "StancerError",
    "StancerWarning",
    "classify",
    "evaluate",
    "lexicon_check",
    "tally",
    "to_dataframe",
    "__version__",
]

#: The version of the stancer library inside (as ``stancer --version`` prints it).
__version__: str = _stancer.__version__

StancerError = _stancer.StancerError


class StancerWarning(UserWarning):
    """Something looked wrong in the input but did not stop the run (the command line's warnings)."""


PathLike = Union[str, "os.PathLike[str]"]
Record = Mapping[str, Any]
#: Labelled documents: the list ``classify`` returns, the whole ``classify --format json``
#: object (a dict with ``documents``), or the path of a ``classify`` output (JSON or JSON Lines).
LabelledInput = Union[Sequence[Mapping[str, Any]], Mapping[str, Any], PathLike]


class Documents(list):
    """The labelled documents ``classify`` returns: a plain ``list`` of dicts, plus :attr:`meta`.

    Each element equals the corresponding element of ``documents`` in
    ``stancer classify --format json`` (same keys, same values, same order).
    """

    #: The ``meta`` object of ``classify --format json``: ``stancer_version``, ``lexicons``
    #: (name, language, sha256), ``input``, ``documents`` (the count), ``failures``
    #: (documents that could not be read: ``id``, ``file``, ``error``) and, when there
    #: are any, ``warnings``.
    meta: Dict[str, Any]

    def __init__(self, documents: Iterable[Dict[str, Any]] = (), meta: Optional[Dict[str, Any]] = None):
        super().__init__(documents)
        self.meta = meta if meta is not None else {}

    def to_json(self) -> Dict[str, Any]:
        """The whole ``classify --format json`` object: ``{"meta": ..., "documents": [...]}``."""
        return {"meta": self.meta, "documents": list(self)}

    def to_dataframe(self) -> "pandas.DataFrame":
        """Same as :func:`stancer.to_dataframe`."""
        return to_dataframe(self)


def _is_path(x: Any) -> bool:
    return isinstance(x, (str, os.PathLike))


def _lexicon_paths(lexicons: Union[None, PathLike, Iterable[PathLike]]) -> List[str]:
    if lexicons is None:
        return []
    if _is_path(lexicons):
        return [os.fspath(lexicons)]
    try:
        paths = [os.fspath(p) for p in lexicons]  # type: ignore[union-attr]
    except TypeError:
        raise StancerError(
            f"lexicons must be a path or a list of paths, not {type(lexicons).__name__}"
        ) from None
    return paths


def _threads(threads: Any) -> int:
    if isinstance(threads, bool) or not isinstance(threads, int) or threads < 0:
        raise StancerError(f"threads must be 0 (one per core) or a positive int, not {threads!r}")
    return threads


def classify(
    source: Union[PathLike, Iterable[Record]],
    *,
    lexicons: Union[None, PathLike, Iterable[PathLike]] = None,
    threads: int = 0,
    keep_going: bool = False,
) -> Documents:
    """Classify every document of a corpus per question, with evidence.

    The same as ``stancer classify SOURCE --format json``: each returned dict
    equals the corresponding element of its ``documents`` (same keys, same
    values, same order), and ``.meta`` holds its ``meta``.

    Parameters
    ----------
    source:
        A path (``str`` or ``os.PathLike``): a folder with a ``manifest.csv``, a
        folder of ``.txt`` files, or a JSON Lines file. Or an iterable of dicts
        ("records"), each with ``id`` and ``text`` plus any manifest field
        (``actor``, ``actor_name``, ``actor_kind``, ``members`` as a list or a
        ``;`` string, ``language``, ``original_language``, ``date``, ``forum``,
        ``source``), read exactly as JSON Lines input is; record N is line N of
        ``<records>`` in messages. ``None`` and NaN count as absent.
    lexicons:
        A lexicon file or a list of them; replaces the built-in lexicons
        (``laws-en``, ``laws-es``, ``laws-fr``), as ``--lexicon``.
    threads:
        Worker threads; 0 (the default) uses every core. The result is the
        same whatever the number. The GIL is released while classifying.
    keep_going:
        Without it, a document that cannot be read (a missing file, binary
        content, a malformed record) raises :class:`StancerError` listing every
        such document. With it, they are left out, listed in
        ``.meta["failures"]`` and issued as :class:`StancerWarning`.

    Returns
    -------
    Documents
        A list of dicts (one per document, in corpus order) with ``.meta``.

    Raises
    ------
    StancerError
        The corpus, a record or a lexicon cannot be read, with the command
        line's message (file and line).
    """
    paths = _lexicon_paths(lexicons)
    threads = _threads(threads)
    keep_going = bool(keep_going)
    if _is_path(source):
        docs, meta, failed = _stancer.classify_path(os.fspath(source), paths, threads, keep_going)
    elif isinstance(source, (bytes, bytearray)):
        raise StancerError("source must be a path or an iterable of dicts, not bytes")
    elif isinstance(source, Mapping):
        raise StancerError(
            "source must be a path or an iterable of dicts, not a single dict (wrap it in a list)"
        )
    else:
        records = _records(source)
        docs, meta, failed = _stancer.classify_records(records, paths, threads, keep_going)
    meta = json.loads(meta)
    for w in meta.get("warnings", []):
        warnings.warn(w, StancerWarning, stacklevel=2)
    if failed is not None:
        raise StancerError(failed)
    for f in meta["failures"]:
        warnings.warn(f"skipped: {f['error']}", StancerWarning, stacklevel=2)
    return Documents(json.loads(docs), meta)


def _records(source: Any) -> Any:
    """A pandas DataFrame as its records; anything else as given (an iterable of dicts)."""
    if _is_dataframe(source):
        return source.to_dict("records")
    return source


def _is_dataframe(x: Any) -> bool:
    return type(x).__name__ == "DataFrame" and hasattr(x, "to_dict") and hasattr(x, "columns")


def _labelled(documents: Any) -> Dict[str, Any]:
    """The native functions' view of labelled documents: a ``path``, or ``documents`` as JSON texts.

    JSON keeps the dicts' key order, which the native side needs: it is the
    order of the questions and of the labels.
    """
    if _is_path(documents):
        return {"path": os.fspath(documents), "documents": None}
    if isinstance(documents, Mapping):
        if "documents" not in documents:
            raise StancerError(
                "documents: a dict must be a whole `classify --format json` object, with `documents`"
            )
        documents = documents["documents"]
    if isinstance(documents, (bytes, bytearray)) or documents is None:
        raise StancerError(
            f"documents must be an iterable of dicts or a path, not {type(documents).__name__}"
        )
    try:
        items = iter(documents)
    except TypeError:
        raise StancerError(
            f"documents must be an iterable of dicts or a path, not {type(documents).__name__}"
        ) from None
    texts = []
    for i, d in enumerate(items):
        if not isinstance(d, Mapping):
            raise StancerError(f"<documents>[{i}]: not a dict (a {type(d).__name__})")
        try:
            texts.append(json.dumps(d, ensure_ascii=False, allow_nan=False, default=_json_default))
        except (TypeError, ValueError) as e:
            raise StancerError(f"<documents>[{i}]: not JSON: {e}") from None
    return {"path": None, "documents": texts}


def _json_default(x: Any) -> Any:
    """numpy scalars by their Python value; anything else is not JSON."""
    item = getattr(x, "item", None)
    if item is not None and type(x).__module__.startswith("numpy"):
        return item()
    raise TypeError(f"{type(x).__name__} is not JSON")


def tally(
    documents: LabelledInput,
    *,
    question: Optional[str] = None,
    by: str = "submission",
    policy: str = "own",
    flagged: bool = False,
) -> Dict[str, Dict[str, Any]]:
    """Count labels per question, by submission or by State.

    The same as ``stancer tally --format json``: the result maps each question
    to its tally object, in the CLI's order, and
    ``list(tally(...).values())`` equals the JSON array the CLI prints.

    Parameters
    ----------
    documents:
        The list :func:`classify` returned (or dicts like it), the whole
        ``classify --format json`` object, or the path of a ``classify`` output.
    question:
        Only this question (default: every question, in the documents' order).
    by:
        ``"submission"`` counts each submission once; ``"state"`` expands group
        and regional-organisation submissions to their member States.
    policy:
        With ``by="state"``: how a State covered by several submissions gets one
        label: ``"own"`` (its own submission wins), ``"group"`` or ``"own-only"``.
    flagged:
        Also list, per question, the submissions whose label needs review.

    Returns
    -------
    dict
        ``{question: {"question", "by", "total", "counts", "percent", "members", ...}}``.
    """
    out = _stancer.tally_json(
        question=question, by=by, policy=policy, flagged=bool(flagged), **_labelled(documents)
    )
    return {t["question"]: t for t in json.loads(out)}


def evaluate(
    documents: LabelledInput,
    gold: Union[PathLike, Iterable[Record], "pandas.DataFrame"],
    *,
    question: Optional[str] = None,
    seed: int = 42,
    resamples: int = 1000,
) -> Dict[str, Any]:
    """Compare labelled documents with hand labels.

    The same as ``stancer eval --gold GOLD --format json``: per question the
    confusion matrix, per-class precision, recall, F1 and support, accuracy,
    macro and weighted averages, Cohen's kappa, F_avg, bootstrap confidence
    intervals, the review-flag split and every disagreement; and the ids found
    on one side only (also issued as :class:`StancerWarning`).

    Parameters
    ----------
    documents:
        As for :func:`tally`.
    gold:
        The hand labels: a CSV file (``id``, one column per question, optional
        ``<question>_evidence``), or records (dicts, or a pandas DataFrame) with
        the same keys; record N is line N of ``<gold>`` in messages.
    question:
        Only this question (default: every question of the documents that the
        gold labels have).
    seed, resamples:
        The bootstrap's seed and number of resamples (0: no intervals).

    Returns
    -------
    dict
        ``{"questions": [...], "missing_in_predictions": [...], "missing_in_gold": [...]}``.
    """
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**64:
        raise StancerError(f"seed must be an int from 0 to 2**64-1, not {seed!r}")
    if isinstance(resamples, bool) or not isinstance(resamples, int) or resamples < 0:
        raise StancerError(f"resamples must be an int >= 0, not {resamples!r}")
    if _is_path(gold):
        gold_path, gold_records = os.fspath(gold), None
    elif isinstance(gold, (Mapping, bytes, bytearray)) or gold is None:
        raise StancerError(
            f"gold must be a path or an iterable of dicts (or a DataFrame), not {type(gold).__name__}"
        )
    else:
        gold_path, gold_records = None, _records(gold)
    out, notes = _stancer.evaluate_json(
        gold_path=gold_path,
        gold_records=gold_records,
        question=question,
        seed=seed,
        resamples=resamples,
        **_labelled(documents),
    )
    for n in notes:
        warnings.warn(n, StancerWarning, stacklevel=2)
    return json.loads(out)


#: The columns of :func:`to_dataframe` (those of ``classify --format csv``).
COLUMNS: List[str] = list(_stancer.csv_columns())

_FLOAT_COLUMNS = ("score", "confidence")
_INT_COLUMNS = ("evidence_count",)


def to_dataframe(documents: LabelledInput) -> "pandas.DataFrame":
    """One row per document and question, as a pandas DataFrame.

    The columns are those of ``stancer classify --format csv``: ``id``,
    ``actor``, ``actor_kind``, ``language``, ``status``, ``question``,
    ``label``, ``score``, ``confidence``, ``evidence_count``, ``cues`` (the
    cues that counted toward the label, ``; ``-separated) and ``quote`` (the
    first sentence that did). ``score`` and ``confidence`` are floats,
    ``evidence_count`` an int; a document no lexicon reads has one row with
    its status and the rest empty (missing). Cells are data as they are: the
    CSV's guard against spreadsheet formulas is not applied.

    Needs pandas (``pip install pandas``); raises ``ImportError`` saying so
    when it is missing.
    """
    try:
        import pandas as pd
    except ImportError as e:
        raise ImportError(
            "stancer.to_dataframe needs pandas: pip install pandas "
            "(stancer itself does not; classify, tally and evaluate return plain dicts)"
        ) from e
    rows = _stancer.csv_rows(**_labelled(documents))
    columns: Dict[str, List[Any]] = {c: [] for c in COLUMNS}
    for row in rows:
        unclassified = row[COLUMNS.index("question")] == ""
        for c, v in zip(COLUMNS, row):
            if c in _FLOAT_COLUMNS or c in _INT_COLUMNS:
                v = None if unclassified or v == "" else (float(v) if c in _FLOAT_COLUMNS else int(v))
            elif unclassified and c not in ("id", "actor", "actor_kind", "language", "status"):
                v = None
            columns[c].append(v)
    frame = pd.DataFrame(columns, columns=COLUMNS)
    frame["score"] = frame["score"].astype("float64")
    frame["confidence"] = frame["confidence"].astype("float64")
    if frame["evidence_count"].isna().any():
        frame["evidence_count"] = frame["evidence_count"].astype("Int64")
    else:
        frame["evidence_count"] = frame["evidence_count"].astype("int64")
    return frame


def lexicon_check(path: PathLike) -> List[Dict[str, Any]]:
    """Problems of a lexicon file, as ``stancer lexicon check`` finds them.

    Returns a list of ``{"severity", "line", "message"}``: first every
    validation error (``severity`` ``"error"``: TOML syntax, unknown keys, an
    empty cue, a misplaced ``*``, an undeclared question or label, a weight
    that is not a positive number), then, when there is none, every warning
    (``"warning"``: duplicate or shadowed cues, modifiers listed twice, cues
    that look like regular expressions). ``line`` is 1-based, or ``None`` where
    no line can be given. An empty list: nothing to report.

    Raises :class:`StancerError` when the file cannot be read.
    """
    if not _is_path(path):
        raise StancerError(f"path must be a str or os.PathLike, not {type(path).__name__}")
    return json.loads(_stancer.lexicon_check_json(os.fspath(path)))
